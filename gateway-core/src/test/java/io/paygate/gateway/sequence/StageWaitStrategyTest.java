package io.paygate.gateway.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import io.paygate.gateway.config.GatewayConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The parking wait: returns what is available, sleeps when nothing is, wakes on a signal or an alert. */
class StageWaitStrategyTest {

    /** A barrier that only knows whether it was alerted. */
    static final class Barrier implements SequenceBarrier {
        volatile boolean alerted;

        @Override
        public long waitFor(long sequence) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getCursor() {
            return 0;
        }

        @Override
        public boolean isAlerted() {
            return alerted;
        }

        @Override
        public void alert() {
            alerted = true;
        }

        @Override
        public void clearAlert() {
            alerted = false;
        }

        @Override
        public void checkAlert() throws AlertException {
            if (alerted) {
                throw AlertException.INSTANCE;
            }
        }
    }

    final StageWaitStrategy strategy = new StageWaitStrategy();
    final Sequence cursor = new Sequence(-1);
    final Sequence upstream = new Sequence(-1);
    final Barrier barrier = new Barrier();

    CompletableFuture<Long> waitInBackground(long sequence) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return strategy.waitFor(sequence, cursor, upstream, barrier);
            } catch (AlertException e) {
                return -42L;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void whatIsAlreadyAvailableIsReturnedAtOnce() throws Exception {
        upstream.set(41);
        assertThat(strategy.waitFor(7, cursor, upstream, barrier)).isEqualTo(41);
    }

    @Test
    void aSleepingStageWakesWhenTheStageInFrontAdvancesAndSignals() throws Exception {
        CompletableFuture<Long> waiter = waitInBackground(0);
        awaitAsleep(1);
        assertThat(waiter).isNotDone();
        upstream.set(3);
        strategy.signalAllWhenBlocking();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isEqualTo(3);
    }

    @Test
    void aSignalWakesOnlyTheStagesWhoseSequenceCame() throws Exception {
        Sequence other = new Sequence(-1); // a second stage waits on another stage in front
        CompletableFuture<Long> first = waitInBackground(0);
        CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> {
            try {
                return strategy.waitFor(0, cursor, other, barrier);
            } catch (AlertException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitAsleep(2);
        upstream.set(0);
        strategy.signalAllWhenBlocking();
        assertThat(first.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(strategy.woken()).isEqualTo(1); // the second stage's sequence did not move: left asleep
        strategy.signalAllWhenBlocking(); // nothing new: nobody is woken
        assertThat(strategy.woken()).isEqualTo(1);
        other.set(5);
        strategy.signalAllWhenBlocking();
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(5);
    }

    @Test
    void aSignalWithNobodyAsleepWakesNobody() {
        upstream.set(9);
        strategy.signalAllWhenBlocking();
        assertThat(strategy.woken()).isZero();
        assertThat(strategy.asleep()).isZero();
    }

    /** Until {@code n} waiters sleep (past their spins). */
    void awaitAsleep(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (strategy.asleep() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(strategy.asleep() + " of " + n + " waiters asleep after 10 s");
            }
            Thread.sleep(1);
        }
    }

    @Test
    void aSleepingStageNoticesProgressEvenWithoutASignal() throws Exception {
        CompletableFuture<Long> waiter = waitInBackground(0);
        Thread.sleep(20);
        upstream.set(0); // a signal that raced ahead of its sequence is covered by the bounded sleep
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void anAlertEndsTheWait() throws Exception {
        CompletableFuture<Long> waiter = waitInBackground(0);
        awaitAsleep(1);
        barrier.alert();
        strategy.signalAllWhenBlocking();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isEqualTo(-42L);
        assertThatThrownBy(() -> strategy.waitFor(0, cursor, upstream, barrier)).isInstanceOf(AlertException.class);
    }

    @Test
    void everyConfigurableStrategyExists() {
        for (String name : GatewayConfig.WAIT_STRATEGIES) {
            assertThat(Ring.waitStrategy(name)).as(name).isNotNull();
        }
        assertThat(Ring.waitStrategy("parking")).isInstanceOf(StageWaitStrategy.class);
    }
}
