package io.paygate.gateway.sequence;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ring's default wait ({@code ring.wait-strategy = parking}): spin briefly, yield a little, then
 * sleep until a producer publishes or the stage in front finishes a batch ({@link Ring#signalling}).
 *
 * <p>Disruptor's own strategies each cost the gateway where it cannot afford it (bench/RESULTS.md):
 * {@code blocking} sleeps only on the producers' cursor and spins while the stage in front works, so
 * under load three stage threads spin on two cores; {@code sleeping} parks 100 ns at a time, so an
 * idle gateway burns half a core on wake-ups. Here an idle stage thread costs next to nothing and a
 * busy one yields its core to the stage it waits for. Signals come after the sequence they announce
 * (producers publish first; {@link Ring#signalling} releases the stage's sequence first), and a
 * sleeper also looks again every {@link #PARK_MICROS} by itself, as a safety net.
 */
public final class StageWaitStrategy implements WaitStrategy {

    static final int SPINS = 100;
    static final int YIELDS = 20;
    static final long PARK_MICROS = 10_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private final AtomicBoolean sleepers = new AtomicBoolean();

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException, InterruptedException {
        long available;
        int counter = SPINS + YIELDS;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (counter > YIELDS) {
                counter--;
                Thread.onSpinWait();
            } else if (counter > 0) {
                counter--;
                Thread.yield();
            } else {
                boolean signalled = true;
                lock.lock();
                try {
                    sleepers.set(true); // before the check: a signal after it finds the flag and wakes us
                    if (dependentSequence.get() < sequence) {
                        barrier.checkAlert();
                        signalled = progress.await(PARK_MICROS, TimeUnit.MICROSECONDS);
                    }
                } finally {
                    lock.unlock();
                }
                // woken by progress: spin again, it is likely to come in a burst; timed out: sleep on
                counter = signalled ? SPINS + YIELDS : 0;
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        // a plain read first: every batch of every stage signals, and mostly nobody sleeps
        if (sleepers.get() && sleepers.getAndSet(false)) {
            lock.lock();
            try {
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
