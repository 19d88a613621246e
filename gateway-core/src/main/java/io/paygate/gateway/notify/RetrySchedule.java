package io.paygate.gateway.notify;

import java.time.Duration;
import java.util.List;

/**
 * When a failed notification is tried again: after the n-th failed attempt, wait the n-th delay;
 * after the last delay's attempt fails too, the notification is EXHAUSTED. WeChat's schedule is 15
 * delays (15s 15s 30s 3m 10m 20m 30m 30m 30m 60m 3h 3h 3h 6h 6h, 24h4m in all), so 16 attempts.
 */
public final class RetrySchedule {

    public static final List<Duration> WECHAT = List.of(Duration.ofSeconds(15), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(3), Duration.ofMinutes(10), Duration.ofMinutes(20),
            Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(60),
            Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(6));

    private final long[] delaysMillis;

    public RetrySchedule(List<Duration> delays) {
        this.delaysMillis = new long[delays.size()];
        for (int i = 0; i < delaysMillis.length; i++) {
            if (delays.get(i).isNegative()) {
                throw new IllegalArgumentException("notify.retry-schedule: delays must not be negative");
            }
            delaysMillis[i] = delays.get(i).toMillis();
        }
    }

    /** How many attempts a notification gets before it is EXHAUSTED. */
    public int attemptsMax() {
        return delaysMillis.length + 1;
    }

    /** The wait after the {@code attempt}-th failed attempt (1-based), or -1 when none is left. */
    public long delayAfterFailedAttemptMillis(int attempt) {
        return attempt >= 1 && attempt <= delaysMillis.length ? delaysMillis[attempt - 1] : -1;
    }

    /** The sum of all delays (24h4m for WeChat's). */
    public long totalMillis() {
        long t = 0;
        for (long d : delaysMillis) {
            t += d;
        }
        return t;
    }
}
