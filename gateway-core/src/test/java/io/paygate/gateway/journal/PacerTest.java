package io.paygate.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pacer's arithmetic on a virtual clock: work / (work + sleep) = the share. */
class PacerTest {

    long now;
    final List<Long> sleeps = new ArrayList<>();

    Pacer pacer(double share) {
        return new Pacer(share, () -> now, nanos -> {
            sleeps.add(nanos);
            now += nanos;
        });
    }

    @Test
    void aQuarterShareSleepsThreeTimesTheWork() {
        Pacer p = pacer(0.25);
        p.start();
        now += 4_000_000; // 4 ms of work
        p.pace();
        now += 1_000_000; // then 1 ms
        p.pace();
        assertThat(sleeps).containsExactly(12_000_000L, 3_000_000L);
        assertThat(p.sleptMillis()).isEqualTo(15);
    }

    @Test
    void timeBeforeStartIsNotWork() {
        Pacer p = pacer(0.5);
        now += 60_000_000_000L; // waiting for the outbox, say
        p.start();
        now += 2_000_000;
        p.pace();
        assertThat(sleeps).containsExactly(2_000_000L);
    }

    @Test
    void aWholeCoreNeverSleeps() {
        Pacer p = pacer(1.0);
        now += 50_000_000;
        p.pace();
        assertThat(sleeps).isEmpty();
        assertThat(Pacer.unpaced().sleptMillis()).isZero();
    }

    @Test
    void aCancelledPacerStopsTheWorkAtItsNextPause() {
        Pacer p = pacer(0.5);
        p.start();
        now += 1_000_000;
        p.pace();
        p.cancel();
        assertThatThrownBy(p::pace).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(sleeps).containsExactly(1_000_000L);
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        for (double bad : new double[] {0, -0.1, 1.01, Double.NaN}) {
            assertThatThrownBy(() -> new Pacer(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(0, 1]");
        }
    }
}
