package io.paygate.gateway.journal;

import io.paygate.codec.command.Command;
import io.paygate.gateway.matcher.Invariants;
import io.paygate.gateway.matcher.MatchResult;
import io.paygate.gateway.matcher.Matcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes snapshots on a thread of its own, from a replica of the matcher's state: the live matcher
 * only names the sequence a snapshot should cover ({@link #submit}) and goes on at once. The replica
 * is a second {@link Matcher} that starts where recovery started (the newest usable snapshot, or
 * empty) and applies the journal's records up to that sequence, read with a {@link Journal#follow
 * follower}. The matcher is deterministic, so the replica then holds exactly the state the live
 * matcher had at that sequence, which is also what recovery rebuilds from the journal; encoding it
 * here costs the live matcher nothing (at 300,000 orders the encode takes about 100 ms, which used to
 * stall every request behind it). The price is a second copy of the state in memory, and the replica
 * applying each journaled command once more, in a batch per snapshot. The state streams to its file
 * (never one array of its whole size), and all of this work is paced to a share of one core
 * ({@code paygate.snapshot.cpu-share}): at full speed it took a core from the event loops for half a
 * second at a time, and the requests in that window waited.
 *
 * <p>Before a snapshot is encoded the replica's full invariants are checked; a breach halts intake
 * (fail-stop) and no snapshot is written. A snapshot covering sequence S is written only once the
 * outbox has journaled the events of every command up to S (recovery from it never replays those
 * commands, so their events must already be safe). One at a time; a snapshot requested while the
 * previous one is still being taken is refused, and the matcher asks again after its next command.
 */
public final class SnapshotWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);
    /** The replica consults the pacer after this many commands (about a millisecond of work). */
    private static final int PACE_EVERY_COMMANDS = 1_000;

    private final SnapshotStore store;
    private final Journal journal;
    private final Supplier<Matcher> replicaStart;
    private final LongSupplier outboxProgress;
    private final Consumer<String> halt;
    private final Pacer pacer;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "paygate-snapshot");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean busy;
    private volatile boolean stopped;
    private volatile long lastWrittenSequence;
    private volatile long lastWrittenAtMillis;

    // the replica and its reader: used on the snapshot thread only
    private Matcher replica;
    private Journal.Follower follower;
    private final Command command = new Command();
    private final MatchResult scratch = new MatchResult();

    /**
     * @param journal        the journal the live matcher's commands are appended to
     * @param replicaStart   the state recovery started from: the newest usable snapshot's matcher, or an empty one
     * @param outboxProgress the last command sequence the outbox has fully processed
     * @param halt           halts intake, with the reason (a replica that breaks an invariant)
     * @param pacer          keeps the work to a share of a core (see {@link Pacer})
     */
    public SnapshotWriter(SnapshotStore store, Journal journal, Supplier<Matcher> replicaStart,
                          LongSupplier outboxProgress, Consumer<String> halt, Pacer pacer) {
        this.pacer = pacer;
        this.store = store;
        this.journal = journal;
        this.replicaStart = replicaStart;
        this.outboxProgress = outboxProgress;
        this.halt = halt;
    }

    /**
     * Asks for a snapshot covering {@code sequence}, a command the live matcher has applied (so the
     * journal holds it). Called on the matcher thread; returns at once.
     *
     * @return false when a snapshot is still being taken, or snapshots have stopped
     */
    public boolean submit(long sequence) {
        if (busy || stopped) {
            return false;
        }
        busy = true;
        thread.execute(() -> {
            try {
                take(sequence);
            } finally {
                busy = false;
            }
        });
        return true;
    }

    private void take(long sequence) {
        long t0 = System.nanoTime();
        pacer.start();
        long caughtUp;
        try {
            caughtUp = catchUp(sequence);
        } catch (CancellationException e) {
            LOG.info("snapshot at sequence {} abandoned: the gateway is stopping", sequence);
            return;
        } catch (RuntimeException e) {
            LOG.error("snapshot at sequence {} not taken: the replica could not follow the journal; it starts again"
                    + " from the newest snapshot next time (the journal still holds everything)", sequence, e);
            dropReplica();
            return;
        }
        long t1 = System.nanoTime();
        try {
            replica.checkInvariants();
        } catch (Invariants.InvariantViolation e) {
            stopped = true;
            LOG.error("FAIL-STOP: the state at sequence {} breaks an invariant: {}", sequence, e.getMessage());
            halt.accept("the state at sequence " + sequence + " breaks an invariant: " + e.getMessage());
            dropReplica();
            return;
        }
        try {
            if (!awaitOutbox(sequence)) {
                LOG.warn("snapshot at sequence {} skipped: the outbox did not catch up", sequence);
                return;
            }
            long t2 = System.nanoTime();
            pacer.start(); // the wait for the outbox was not work
            Path file = store.write(sequence, replica, pacer);
            lastWrittenSequence = sequence;
            lastWrittenAtMillis = System.currentTimeMillis();
            LOG.info("snapshot at sequence {} written ({} bytes; the replica applied {} commands in {} ms, the state"
                    + " was encoded and written in {} ms, of which {} ms were pauses to leave the cores to requests)",
                    sequence, Files.size(file), caughtUp, (t1 - t0) / 1_000_000, (System.nanoTime() - t2) / 1_000_000,
                    pacer.sleptMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (CancellationException e) {
            LOG.info("snapshot at sequence {} abandoned: the gateway is stopping", sequence);
        } catch (IOException | RuntimeException e) {
            LOG.error("snapshot at sequence {} failed; the journal still holds everything", sequence, e);
        }
    }

    /** Brings the replica to exactly {@code sequence}; returns the number of commands it applied. */
    private long catchUp(long sequence) {
        if (replica == null) {
            replica = replicaStart.get();
            follower = journal.follow(replica.lastSequence());
        }
        if (replica.lastSequence() > sequence) {
            throw new IllegalStateException("the replica is at sequence " + replica.lastSequence()
                    + ", past the snapshot's " + sequence);
        }
        long applied = 0;
        while (replica.lastSequence() < sequence) {
            if (!follower.next(command)) {
                throw new IllegalStateException("the journal ends at sequence " + replica.lastSequence()
                        + " but the matcher has applied " + sequence);
            }
            replica.apply(command, scratch);
            if (++applied % PACE_EVERY_COMMANDS == 0) {
                pacer.pace();
            }
        }
        return applied;
    }

    private boolean awaitOutbox(long sequence) throws InterruptedException {
        long waitedNanos = 0;
        while (outboxProgress.getAsLong() < sequence && waitedNanos < TimeUnit.SECONDS.toNanos(30) && !stopped) {
            TimeUnit.MILLISECONDS.sleep(1);
            waitedNanos += TimeUnit.MILLISECONDS.toNanos(1);
        }
        return outboxProgress.getAsLong() >= sequence;
    }

    private void dropReplica() {
        if (follower != null) {
            follower.close();
        }
        follower = null;
        replica = null;
    }

    /** The sequence of the last snapshot written (0 if none yet in this run). */
    public long lastWrittenSequence() {
        return lastWrittenSequence;
    }

    /** When the last snapshot was written (0 if none yet in this run). */
    public long lastWrittenAtMillis() {
        return lastWrittenAtMillis;
    }

    /**
     * Abandons a snapshot being taken (at its next pause; the previous snapshot and the journal still
     * hold everything), then closes the replica's reader (before the journal closes).
     */
    @Override
    public void close() {
        if (thread.isShutdown()) {
            return;
        }
        stopped = true;
        pacer.cancel();
        thread.execute(this::dropReplica);
        thread.shutdown();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
