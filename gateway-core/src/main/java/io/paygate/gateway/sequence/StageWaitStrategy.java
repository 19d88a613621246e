package io.paygate.gateway.sequence;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The ring's default wait ({@code ring.wait-strategy = parking}): spin briefly, then sleep until what
 * this stage waits for has come: the producers' cursor for the first stage, the stage in front for
 * the others.
 *
 * <p>Disruptor's own strategies each cost the gateway where it cannot afford it (bench/RESULTS.md):
 * {@code blocking} sleeps only on the producers' cursor and spins while the stage in front works, so
 * under load three stage threads spin on two cores; {@code sleeping} parks 100 ns at a time, so an
 * idle gateway burns half a core on wake-ups. Here an idle stage thread costs next to nothing and a
 * waiting one sleeps after a few microseconds of spinning, leaving its core to the stage in front.
 *
 * <p>There is no yield phase: 20 {@code Thread.yield()}s after the spins cost the gateway more than
 * they won. At 1,200 requests/s (open loop, bench/README.md) the four stage threads spent 0.14 cores
 * with them and 0.11 without (0.08 with the aimed wake-ups below), and their time runnable but
 * waiting for a CPU fell from 2.4 to 0.6 cores' worth; the ring benchmark's throughput did not move
 * (454–580k commands/s with, 534–588k without).
 *
 * <p>Wake-ups are aimed: every signal (a producer published; a stage released a batch, see
 * {@link Ring#signalling}) wakes only the sleepers whose own sequence has come (or whose barrier was
 * alerted). With one condition for all, a producer's publish also woke the stages behind the first,
 * which found nothing, spun and slept again; the four stage threads spent 0.11 cores at 1,200
 * requests/s that way, against 0.08 with aimed wake-ups (two interleaved runs each).
 *
 * <p>No wake-up is lost: a sleeper registers (a volatile store, then a full fence) before it checks
 * its sequence a last time, and a signaller fences after storing the sequence it announces before
 * it looks for sleepers, so one of the two always sees the other. A sleeper also looks again every
 * {@link #PARK_MICROS} by itself, as a safety net.
 */
public final class StageWaitStrategy implements WaitStrategy {

    static final int SPINS = 100;
    static final long PARK_MICROS = 10_000;

    /** A stage thread's sleeping place: who sleeps, until which sequence, of what. */
    private static final class Sleeper {
        /** The sleeping thread, or null while it is awake. */
        volatile Thread thread;
        volatile long needed;
        volatile Sequence dependency;
        volatile SequenceBarrier barrier;
    }

    /** Every thread that ever slept here (one per stage): grown under {@code this}, read without a lock. */
    private volatile Sleeper[] sleepers = new Sleeper[0];
    private final ThreadLocal<Sleeper> mine = ThreadLocal.withInitial(this::register);
    /** Threads asleep right now; a signal with none asleep costs a fence and one read. */
    private final AtomicInteger asleep = new AtomicInteger();
    /** Threads a signal woke (for tests). */
    private final AtomicLong woken = new AtomicLong();

    private synchronized Sleeper register() {
        Sleeper s = new Sleeper();
        Sleeper[] grown = Arrays.copyOf(sleepers, sleepers.length + 1);
        grown[grown.length - 1] = s;
        sleepers = grown;
        return s;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException, InterruptedException {
        long available;
        int counter = SPINS;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (counter > 0) {
                counter--;
                Thread.onSpinWait();
            } else {
                boolean woke = sleep(sequence, dependentSequence, barrier);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                // woken because it came: spin again, more is likely to come in a burst; timed out: sleep on
                counter = woke ? SPINS : 0;
            }
        }
        return available;
    }

    /** Sleeps until {@code dependency} reaches {@code needed}, an alert, or the safety-net timeout. */
    private boolean sleep(long needed, Sequence dependency, SequenceBarrier barrier) {
        Sleeper s = mine.get();
        s.needed = needed;
        s.dependency = dependency;
        s.barrier = barrier;
        s.thread = Thread.currentThread();
        asleep.incrementAndGet(); // a full fence: the registration is visible before the last check
        try {
            if (dependency.get() >= needed || barrier.isAlerted()) {
                return true;
            }
            long before = System.nanoTime();
            LockSupport.parkNanos(this, TimeUnit.MICROSECONDS.toNanos(PARK_MICROS));
            return System.nanoTime() - before < TimeUnit.MICROSECONDS.toNanos(PARK_MICROS);
        } finally {
            s.thread = null;
            asleep.decrementAndGet();
        }
    }

    @Override
    public void signalAllWhenBlocking() {
        VarHandle.fullFence(); // the sequence just stored is visible before we look for sleepers
        if (asleep.get() == 0) {
            return;
        }
        for (Sleeper s : sleepers) {
            Thread t = s.thread;
            if (t != null && (s.dependency.get() >= s.needed || s.barrier.isAlerted())) {
                woken.incrementAndGet();
                LockSupport.unpark(t);
            }
        }
    }

    /** Threads asleep right now (for tests). */
    int asleep() {
        return asleep.get();
    }

    /** Threads signals have woken so far (for tests). */
    long woken() {
        return woken.get();
    }
}
