package io.paygate.gateway.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Money.id builds its date by arithmetic; it must agree with java.time for every day it can meet. */
class MoneyIdTest {

    private static String reference(String prefix, long epochMillis, long sequence) {
        LocalDate d = Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.ofHours(8)).toLocalDate();
        String seq = Long.toString(sequence);
        return prefix + String.format("%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth())
                + "0".repeat(Math.max(0, 16 - seq.length())) + seq;
    }

    @Test
    void agreesWithJavaTimeAroundMidnightCstLeapDaysAndCenturies() {
        long[] instants = {
            0L, // 1970-01-01T08:00+08:00
            -8 * 3_600_000L, // 1970-01-01T00:00+08:00
            -8 * 3_600_000L - 1, // the last millisecond of 1969-12-31 in CST
            Instant.parse("2000-02-29T15:59:59.999Z").toEpochMilli(), // 23:59:59.999 CST on a leap day
            Instant.parse("2000-02-29T16:00:00Z").toEpochMilli(), // 2000-03-01 CST
            Instant.parse("2100-02-28T16:00:00Z").toEpochMilli(), // 2100 is not a leap year
            Instant.parse("2024-12-31T16:00:00Z").toEpochMilli(),
            Instant.parse("9999-12-31T15:59:59Z").toEpochMilli(),
        };
        for (long t : instants) {
            assertThat(Money.id("4200", t, 7)).as("%d", t).isEqualTo(reference("4200", t, 7));
        }
    }

    @Test
    void agreesWithJavaTimeOnRandomDaysAndSequences() {
        long seed = Long.getLong("paygate.moneyid.seed", System.nanoTime());
        System.out.println("MoneyIdTest seed " + seed);
        SplittableRandom r = new SplittableRandom(seed);
        long max = Instant.parse("9999-12-31T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 100_000; i++) {
            long t = r.nextLong(0, max);
            long seq = r.nextBoolean() ? r.nextLong(1, 1_000_000) : r.nextLong(1, Long.MAX_VALUE);
            assertThat(Money.id("5030", t, seq)).as("seed %d, t %d, seq %d", seed, t, seq)
                    .isEqualTo(reference("5030", t, seq));
        }
        assertThat(Money.id("4200", 0, 1)).hasSize(28);
    }
}
