package io.paygate.gateway.journal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Keeps background work to a share of one core: after each piece of work, {@link #pace()} sleeps
 * long enough that work / (work + sleep) stays at the share. Snapshots use it: on a machine whose
 * cores the request path needs, a snapshot taken at full speed (hundreds of milliseconds of encoding,
 * hashing and writing at a few hundred thousand orders) leaves the event loops short of CPU and
 * every request in that window waits. Paced, the same work takes longer and the requests do not
 * notice. Work is measured by the wall clock between calls, so time the thread spent preempted
 * counts as work and the pacer errs towards sleeping more.
 */
public final class Pacer {

    /** A pacer that never sleeps (a whole core), for tests and tools. */
    public static Pacer unpaced() {
        return new Pacer(1.0);
    }

    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final double share;
    private final LongSupplier clock;
    private final LongConsumer sleeper;
    private long resumedNanos;
    private long sleptNanos;
    private volatile boolean cancelled;

    /** @param share the fraction of one core the work may take, in (0, 1]; 1 never sleeps */
    public Pacer(double share) {
        this(share, System::nanoTime, null);
    }

    /** A pacer on a given clock and sleep (tests); a null sleeper parks, waking early on {@link #cancel()}. */
    Pacer(double share, LongSupplier nanoClock, LongConsumer sleeper) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], was " + share);
        }
        this.share = share;
        this.clock = nanoClock;
        this.sleeper = sleeper != null ? sleeper : this::sleep;
        this.resumedNanos = nanoClock.getAsLong();
    }

    /** Work starts (or starts again after a pause the pacer should not count). */
    public void start() {
        resumedNanos = clock.getAsLong();
        sleptNanos = 0;
    }

    /**
     * After a piece of work: sleeps to keep the share.
     *
     * @throws CancellationException once {@link #cancel()} was called (the work should stop)
     */
    public void pace() {
        if (cancelled) {
            throw new CancellationException("paced work cancelled");
        }
        if (share >= 1) {
            return;
        }
        long worked = clock.getAsLong() - resumedNanos;
        long sleep = (long) (worked * (1 - share) / share);
        if (sleep > 0) {
            sleeper.accept(sleep);
            sleptNanos += sleep;
        }
        if (cancelled) {
            throw new CancellationException("paced work cancelled");
        }
        resumedNanos = clock.getAsLong();
    }

    /** Parks for {@code nanos}, in slices of at most {@link #SLICE_NANOS} so that a cancel ends it soon. */
    private void sleep(long nanos) {
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0 && !cancelled; left = until - System.nanoTime()) {
            LockSupport.parkNanos(Math.min(left, SLICE_NANOS));
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /** Makes every later {@link #pace()} throw: a stop does not wait for paced work to finish. Any thread. */
    public void cancel() {
        cancelled = true;
    }

    /** Time slept since {@link #start()}, in milliseconds. */
    public long sleptMillis() {
        return TimeUnit.NANOSECONDS.toMillis(sleptNanos);
    }
}
