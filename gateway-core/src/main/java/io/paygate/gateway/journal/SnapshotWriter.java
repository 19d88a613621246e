package io.paygate.gateway.journal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes snapshots off the matcher thread. A snapshot covering sequence S is written only once the
 * outbox has journaled the events of every command up to S (recovery from it never replays those
 * commands, so their events must already be safe). One at a time; a snapshot requested while the
 * previous one is still being written is dropped (the next one comes soon).
 */
public final class SnapshotWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);

    private final SnapshotStore store;
    private final LongSupplier outboxProgress;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "paygate-snapshot");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean busy;
    private volatile long lastWrittenSequence;
    private volatile long lastWrittenAtMillis;

    /**
     * @param outboxProgress the last command sequence the outbox has fully processed
     */
    public SnapshotWriter(SnapshotStore store, LongSupplier outboxProgress) {
        this.store = store;
        this.outboxProgress = outboxProgress;
    }

    /** Accepts a snapshot to write (called on the matcher thread; returns at once). */
    public boolean submit(long sequence, byte[] state) {
        if (busy) {
            return false;
        }
        busy = true;
        thread.execute(() -> {
            try {
                long waitedNanos = 0;
                while (outboxProgress.getAsLong() < sequence && waitedNanos < TimeUnit.SECONDS.toNanos(30)) {
                    TimeUnit.MILLISECONDS.sleep(1);
                    waitedNanos += TimeUnit.MILLISECONDS.toNanos(1);
                }
                if (outboxProgress.getAsLong() < sequence) {
                    LOG.warn("snapshot at sequence {} skipped: the outbox did not catch up", sequence);
                    return;
                }
                long t0 = System.nanoTime();
                store.write(sequence, state);
                lastWrittenSequence = sequence;
                lastWrittenAtMillis = System.currentTimeMillis();
                LOG.info("snapshot at sequence {} written ({} bytes, {} ms)", sequence, state.length,
                        (System.nanoTime() - t0) / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("snapshot at sequence {} failed; the journal still holds everything", sequence, e);
            } finally {
                busy = false;
            }
        });
        return true;
    }

    /** The sequence of the last snapshot written (0 if none yet in this run). */
    public long lastWrittenSequence() {
        return lastWrittenSequence;
    }

    /** When the last snapshot was written (0 if none yet in this run). */
    public long lastWrittenAtMillis() {
        return lastWrittenAtMillis;
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
