package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.gateway.support.CrashHarness;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash tier (reliability G1): {@link CrashHarness} for a few kill -9 cycles by default
 * ({@code -Dpaygate.crash.cycles=N}, {@code -Dpaygate.seed=S}); 100 cycles is the bench run. The
 * canary deletes the journal after a kill and the same checks must notice.
 */
class CrashRecoverySystemTest {

    static final int CYCLES = Integer.getInteger("paygate.crash.cycles", 3);

    @TempDir
    Path dir;

    static long seed() {
        Long fixed = Long.getLong("paygate.seed");
        return fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
    }

    @Test
    void killNineCyclesLoseNothingAndApplyNothingTwice() throws Exception {
        CrashHarness.Result r = CrashHarness.run(dir.resolve("data"), CYCLES, seed(), false);
        System.out.println("CrashRecoverySystemTest: " + r);
        assertThat(r.ok()).as(r.failure() + " (" + r.summary() + ")").isTrue();
    }

    @Test
    void canaryADeletedJournalIsNoticed() throws Exception {
        CrashHarness.Result r = CrashHarness.run(dir.resolve("data"), 2, seed(), true);
        System.out.println("CrashRecoverySystemTest canary: " + r);
        assertThat(r.ok()).as("the checks must notice a lost journal (" + r.summary() + ")").isFalse();
        assertThat(r.failure()).as("the loss is named").contains("missing after the restart");
    }
}
