package io.paygate.gateway.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.paygate.gateway.journal.ChronicleJournal;
import io.paygate.gateway.journal.Pacer;
import io.paygate.gateway.journal.SnapshotStore;
import io.paygate.gateway.journal.SnapshotWriter;
import io.paygate.gateway.support.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots come from a replica that follows the journal on the snapshot thread, never from the live
 * matcher (whose thread only names the sequence). A seeded workload runs on a live matcher, appending
 * every journaled command to a real Chronicle journal as the ring's journal stage would; the state
 * hash of every snapshot file must be the live matcher's hash at the snapshot's sequence, both when
 * the workload waits for each snapshot and when it races ahead of the replica.
 */
class SnapshotReplicaTest {

    static final int COMMANDS = 2_500;
    static final int EVERY = 150;

    @TempDir
    Path dir;

    /** The live side: the matcher, its journal and the live hash at every journaled sequence. */
    final class Live implements AutoCloseable {
        final Matcher matcher = new Matcher();
        final ChronicleJournal journal = new ChronicleJournal(dir.resolve("commands"));
        final SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"));
        final List<String> halts = new CopyOnWriteArrayList<>();
        final SnapshotWriter writer;
        final Map<Long, String> hashAt = new HashMap<>();
        final List<Long> submitted = new ArrayList<>();

        Live(Supplier<Matcher> replicaStart) {
            this(replicaStart, Pacer.unpaced());
        }

        Live(Supplier<Matcher> replicaStart, Pacer pacer) {
            writer = new SnapshotWriter(store, journal, replicaStart, () -> Long.MAX_VALUE, halts::add, pacer);
        }

        /** Runs the workload; after every {@link #EVERY}th journaled command asks for a snapshot. */
        void run(long seed, boolean waitForEach) {
            new MatcherSimulation(seed, COMMANDS, MatcherSimulation.of(matcher), false).onApplied((cmd, out) -> {
                if (cmd.type.isQuery()) {
                    return;
                }
                journal.append(cmd);
                if (!waitForEach) {
                    hashAt.put(cmd.sequence, matcher.stateHash());
                }
                if (cmd.sequence % EVERY == 0 && writer.submit(cmd.sequence)) {
                    submitted.add(cmd.sequence);
                    if (waitForEach) {
                        hashAt.put(cmd.sequence, matcher.stateHash());
                        await().atMost(Duration.ofSeconds(20)).until(() -> writer.lastWrittenSequence() == cmd.sequence);
                    }
                }
            }).run();
        }

        /** Every snapshot file on disk holds the live state at its sequence. */
        void checkFiles(long seed) throws Exception {
            List<Path> files = store.files();
            assertThat(files).as("seed %d", seed).isNotEmpty();
            for (Path f : files) {
                SnapshotStore.Raw raw = SnapshotStore.read(f);
                assertThat(raw.stateHash()).as("seed %d: snapshot at sequence %d", seed, raw.sequence())
                        .isEqualTo(hashAt.get(raw.sequence()));
            }
        }

        @Override
        public void close() {
            writer.close();
            journal.close();
        }
    }

    static long seed() {
        Long fixed = Long.getLong("paygate.seed");
        long seed = fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
        System.out.println("SnapshotReplicaTest seed=" + seed);
        return seed;
    }

    @Test
    void everySnapshotHoldsTheLiveStateAtItsSequence() throws Exception {
        long seed = seed();
        try (Live live = new Live(Matcher::new)) {
            live.run(seed, true);
            assertThat(live.submitted).as("seed %d", seed).hasSizeGreaterThanOrEqualTo(5);
            assertThat(live.writer.lastWrittenSequence()).isEqualTo(live.submitted.get(live.submitted.size() - 1));
            live.checkFiles(seed);
            assertThat(live.halts).isEmpty();
        }
    }

    @Test
    void snapshotsTakenWhileTheJournalRunsAheadHoldTheLiveStateAtTheirSequence() throws Exception {
        long seed = seed();
        try (Live live = new Live(Matcher::new)) {
            live.run(seed, false);
            long last = live.submitted.get(live.submitted.size() - 1);
            // a snapshot covers the replica's sequence: the requested one, or past it when the journal ran ahead
            await().atMost(Duration.ofSeconds(20)).until(() -> live.writer.lastWrittenSequence() >= last);
            live.checkFiles(seed);
            assertThat(live.halts).isEmpty();
        }
    }

    @Test
    void theReplicaStartsFromTheNewestSnapshotAfterARestart() throws Exception {
        long seed = seed();
        String liveHashAtEnd;
        long journaled;
        try (Live first = new Live(Matcher::new)) {
            first.run(seed, true);
            liveHashAtEnd = first.matcher.stateHash();
            journaled = first.matcher.lastSequence();
        }
        // a restart: the live matcher is recovered (snapshot + journal), the replica starts from that snapshot
        SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"));
        SnapshotStore.Loaded newest = store.loadNewest();
        assertThat(newest.sequence()).isLessThan(journaled);
        try (ChronicleJournal journal = new ChronicleJournal(dir.resolve("commands"))) {
            Matcher recovered = newest.matcher();
            MatchResult out = new MatchResult();
            journal.replay(newest.sequence(), cmd -> recovered.apply(cmd, out));
            assertThat(recovered.stateHash()).isEqualTo(liveHashAtEnd);
            int[] starts = {0};
            try (SnapshotWriter writer = new SnapshotWriter(store, journal, () -> {
                starts[0]++;
                return store.loadNewest().matcher();
            }, () -> Long.MAX_VALUE, reason -> { }, Pacer.unpaced())) {
                assertThat(writer.submit(journaled)).isTrue();
                await().atMost(Duration.ofSeconds(20)).until(() -> writer.lastWrittenSequence() == journaled);
            }
            assertThat(starts[0]).isEqualTo(1);
            assertThat(SnapshotStore.read(store.files().get(0)).stateHash()).isEqualTo(liveHashAtEnd);
        }
    }

    @Test
    void aSnapshotPastTheJournalIsNotTakenAndTheReplicaStartsAgain() throws Exception {
        long seed = seed();
        int[] starts = {0};
        try (Live live = new Live(() -> {
            starts[0]++;
            return new Matcher();
        }); LogCapture log = LogCapture.of(SnapshotWriter.class)) {
            live.run(seed, true);
            long end = live.matcher.lastSequence();
            assertThat(live.writer.submit(end + 5)).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> log.messages(Level.ERROR).size() == 1);
            assertThat(log.messages(Level.ERROR).get(0)).contains("sequence " + (end + 5), "could not follow the journal");
            assertThat(live.writer.lastWrittenSequence()).isLessThanOrEqualTo(end);

            live.hashAt.put(end, live.matcher.stateHash());
            await().atMost(Duration.ofSeconds(20)).until(() -> live.writer.submit(end));
            await().atMost(Duration.ofSeconds(20)).until(() -> live.writer.lastWrittenSequence() == end);
            assertThat(starts[0]).as("a replica that failed is rebuilt, not reused").isEqualTo(2);
            assertThat(SnapshotStore.read(live.store.files().get(0)).stateHash()).isEqualTo(live.hashAt.get(end));
            assertThat(live.halts).isEmpty();
        }
    }

    @Test
    void closingAbandonsASnapshotAtItsNextPauseLeavingNoFile() throws Exception {
        long seed = seed();
        // a ten-thousandth of a core: every pause is ten thousand times the work before it
        try (LogCapture log = LogCapture.of(SnapshotWriter.class)) {
            Live live = new Live(Matcher::new, new Pacer(0.0001));
            try {
                live.run(seed, false);
                assertThat(live.submitted).as("the first snapshot is still being taken").containsExactly((long) EVERY);
                assertThat(live.writer.submit(live.matcher.lastSequence())).isFalse();
            } finally {
                live.close();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> log.messages(Level.INFO).stream()
                    .anyMatch(m -> m.contains("abandoned: the gateway is stopping")));
            assertThat(live.writer.lastWrittenSequence()).isZero();
            assertThat(live.store.files()).isEmpty();
            assertThat(dir.resolve("snapshots")).satisfiesAnyOf(
                    d -> assertThat(d).doesNotExist(), d -> assertThat(d).isEmptyDirectory());
        }
    }

    @Test
    void aReplicaThatBreaksAnInvariantHaltsIntakeAndWritesNoSnapshot() throws Exception {
        // a state whose refund transit account holds money no PROCESSING refund accounts for
        State broken = new State();
        broken.ledger.transfer(Ledger.FUNDING_ACCOUNT, Ledger.REFUND_TRANSIT_ACCOUNT, 100, 0);
        byte[] brokenBytes = StateCodec.encode(broken);
        long seed = seed();
        try (Live live = new Live(() -> Matcher.restore(brokenBytes))) {
            live.run(seed, false);
            await().atMost(Duration.ofSeconds(20)).until(() -> !live.halts.isEmpty());
            assertThat(live.halts).hasSize(1);
            assertThat(live.halts.get(0)).contains("refund transit differs from PROCESSING refunds");
            assertThat(live.store.files()).isEmpty();
            assertThat(live.writer.submit(live.matcher.lastSequence())).as("snapshots stop after a breach").isFalse();
        }
    }
}
