package io.paygate.gateway.journal;

import io.paygate.codec.command.Command;
import io.paygate.gateway.matcher.Invariants;
import io.paygate.gateway.matcher.MatchResult;
import io.paygate.gateway.matcher.Matcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
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
 * empty) and applies the journal's records as they come, read with a {@link Journal#follow follower}
 * every {@link #FOLLOW_EVERY_MILLIS}; a snapshot brings it to at least the named sequence. The matcher is deterministic, so the replica then holds exactly the state the live
 * matcher had at that sequence, which is also what recovery rebuilds from the journal; encoding it
 * here costs the live matcher nothing (at 300,000 orders the encode takes about 100 ms, which used to
 * stall every request behind it). The price is a second copy of the state in memory, and the replica
 * applying each journaled command once more. The state streams to its file
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
    /** How often the replica reads what the journal has gained (see {@link #follow}). */
    static final long FOLLOW_EVERY_MILLIS = 50;

    private final SnapshotStore store;
    private final Journal journal;
    private final Supplier<Matcher> replicaStart;
    private final LongSupplier outboxProgress;
    private final Consumer<String> halt;
    private final Pacer pacer;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
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
    private boolean built;
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
        thread.scheduleWithFixedDelay(this::follow, 0, FOLLOW_EVERY_MILLIS, TimeUnit.MILLISECONDS);
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

    private void take(long requested) {
        long t0 = System.nanoTime();
        pacer.start();
        long caughtUp;
        try {
            caughtUp = catchUp(requested);
        } catch (CancellationException e) {
            LOG.info("snapshot at sequence {} abandoned: the gateway is stopping", requested);
            return;
        } catch (RuntimeException e) {
            LOG.error("snapshot at sequence {} not taken: the replica could not follow the journal; it starts again"
                    + " from the newest snapshot next time (the journal still holds everything)", requested, e);
            dropReplica();
            return;
        }
        long sequence = replica.lastSequence(); // the requested one, or a little past it (see follow)
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

    /**
     * Every {@link #FOLLOW_EVERY_MILLIS}: the replica applies what the journal has gained since, so it
     * grows as the live state grows (its allocations spread out like the live matcher's) instead of
     * taking 100,000 commands at once when a snapshot is due, which made the heap collect several
     * times in a row. The first run builds the replica. A replica dropped after a failure is rebuilt
     * by the next snapshot, not here.
     */
    private void follow() {
        if (stopped || (replica == null && built)) {
            return;
        }
        try {
            pacer.start();
            ensureReplica();
            apply(Long.MAX_VALUE);
        } catch (CancellationException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.error("the snapshot replica could not follow the journal; the next snapshot starts it again from the"
                    + " newest snapshot (the journal still holds everything)", e);
            dropReplica();
        }
    }

    private void ensureReplica() {
        if (replica == null) {
            built = true;
            replica = replicaStart.get();
            follower = journal.follow(replica.lastSequence());
        }
    }

    /**
     * Brings the replica to {@code sequence} at least; returns the number of commands it applied. It
     * may already be past it (it follows the journal, which runs ahead of the matcher by the commands
     * in flight); a snapshot then covers the replica's sequence, which is as good: it is journaled,
     * and the snapshot waits until the outbox has processed it.
     */
    private long catchUp(long sequence) {
        ensureReplica();
        long applied = apply(sequence);
        if (replica.lastSequence() < sequence) {
            throw new IllegalStateException("the journal ends at sequence " + replica.lastSequence()
                    + " but the matcher has applied " + sequence);
        }
        return applied;
    }

    /** Applies the journal's next records to the replica until it reaches {@code sequence} or the journal's end. */
    private long apply(long sequence) {
        long applied = 0;
        while (replica.lastSequence() < sequence && follower.next(command)) {
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
