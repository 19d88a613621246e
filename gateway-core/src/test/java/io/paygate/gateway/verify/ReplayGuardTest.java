package io.paygate.gateway.verify;

import static io.paygate.gateway.verify.ReplayGuard.Outcome.FIRST;
import static io.paygate.gateway.verify.ReplayGuard.Outcome.FULL;
import static io.paygate.gateway.verify.ReplayGuard.Outcome.REPLAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.gateway.verify.ReplayGuard.Outcome;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    static final long SKEW = 300;
    /** Buckets of a 300 s guard: expiries span 2 * skew, plus one spare bucket (see the class comment). */
    static final int SLOTS = (int) (2 * SKEW / ReplayGuard.BUCKET_SECONDS) + 2;
    /** How far apart two expiries must be to land in the same slot. */
    /** Buckets that requests stamped with the current time fill at once: the bound is shared among these. */
    static final int CURRENT = (int) (SKEW / ReplayGuard.BUCKET_SECONDS) + 1;
    static final long WRAP_SECONDS = (long) SLOTS * ReplayGuard.BUCKET_SECONDS;
    /** A bucket-aligned "now" so that the arithmetic below is easy to follow. */
    static final long T0 = 1_700_000_000L;

    final ReplayGuard guard = new ReplayGuard(SKEW, 2_000_000);

    @Test
    void firstSightingIsFirst() {
        assertThat(guard.firstSeen("1900000109", "nonce-a", T0, T0)).isEqualTo(FIRST);
    }

    @Test
    void secondSightingIsReplay() {
        guard.firstSeen("1900000109", "nonce-a", T0, T0);
        assertThat(guard.firstSeen("1900000109", "nonce-a", T0, T0)).isEqualTo(REPLAY);
    }

    @Test
    void replayIsCaughtAnywhereInsideTheSkewWindow() {
        long ts = T0;
        assertThat(guard.firstSeen("m", "n", ts, ts - SKEW)).isEqualTo(FIRST);
        for (long now = ts - SKEW; now <= ts + SKEW; now += 7) {
            assertThat(guard.firstSeen("m", "n", ts, now)).as("now = ts%+d", now - ts).isEqualTo(REPLAY);
        }
        assertThat(guard.firstSeen("m", "n", ts, ts + SKEW)).isEqualTo(REPLAY);
    }

    @Test
    void otherMerchantWithSameNonceIsDistinct() {
        guard.firstSeen("1900000109", "nonce-a", T0, T0);
        assertThat(guard.firstSeen("1900000110", "nonce-a", T0, T0)).isEqualTo(FIRST);
    }

    @Test
    void otherNonceIsDistinct() {
        guard.firstSeen("1900000109", "nonce-a", T0, T0);
        assertThat(guard.firstSeen("1900000109", "nonce-b", T0, T0)).isEqualTo(FIRST);
    }

    @Test
    void otherTimestampIsDistinct() {
        guard.firstSeen("1900000109", "nonce-a", T0, T0);
        assertThat(guard.firstSeen("1900000109", "nonce-a", T0 + 1, T0)).isEqualTo(FIRST);
        assertThat(guard.firstSeen("1900000109", "nonce-a", T0 - 1, T0)).isEqualTo(FIRST);
    }

    @Test
    void mchidAndNonceDoNotRunTogether() {
        // "ab"+"c" and "a"+"bc" must not hash alike
        guard.firstSeen("ab", "c", T0, T0);
        assertThat(guard.firstSeen("a", "bc", T0, T0)).isEqualTo(FIRST);
    }

    @Test
    void sizeCountsDistinctEntries() {
        assertThat(guard.size()).isZero();
        guard.firstSeen("m", "n1", T0, T0);
        guard.firstSeen("m", "n2", T0, T0);
        guard.firstSeen("m", "n3", T0 + 200, T0);
        guard.firstSeen("m", "n1", T0, T0); // replay: not counted again
        assertThat(guard.size()).isEqualTo(3);
    }

    @Test
    void reusingASlotDropsTheExpiredEntries() {
        for (int i = 0; i < 10; i++) {
            assertThat(guard.firstSeen("m", "old-" + i, T0, T0)).isEqualTo(FIRST);
        }
        assertThat(guard.size()).isEqualTo(10);
        // one wrap later the same slot serves a new window; the old entries expired long ago
        long later = T0 + WRAP_SECONDS;
        assertThat(guard.firstSeen("m", "new", later, later)).isEqualTo(FIRST);
        assertThat(guard.size()).isEqualTo(1);
    }

    @Test
    void aKeyOlderThanTheWindowIsNeverFirstEvenAfterItsSlotWasReused() {
        assertThat(guard.firstSeen("m", "n", T0, T0)).isEqualTo(FIRST);
        long later = T0 + WRAP_SECONDS;
        guard.firstSeen("m", "other", later, later); // reuses the slot of T0's bucket and drops "n"
        // the verify stage never lets such an old timestamp through; the guard refuses it on its own too
        long muchLater = later + SKEW + ReplayGuard.BUCKET_SECONDS;
        assertThat(guard.firstSeen("m", "n", T0, muchLater)).isEqualTo(REPLAY);
    }

    @Test
    void oldKeyMeetingALiveLaterWindowInItsSlotIsRefused() {
        guard.firstSeen("m", "n", T0, T0);
        long later = T0 + WRAP_SECONDS;
        guard.firstSeen("m", "other", later, later);
        // a key older than the slot's live window cannot be told apart from a replay: refused
        assertThat(guard.firstSeen("m", "n", T0, later)).isEqualTo(REPLAY);
        assertThat(guard.firstSeen("m", "never-seen", T0, later)).isEqualTo(REPLAY);
        // and the live window's entry is kept
        assertThat(guard.firstSeen("m", "other", later, later)).isEqualTo(REPLAY);
    }

    @Test
    void bucketFullRefusesNewKeysButStillRecognisesReplays() {
        int cap = 2000;
        ReplayGuard small = new ReplayGuard(SKEW, cap * CURRENT);
        for (int i = 0; i < cap; i++) {
            assertThat(small.firstSeen("m", "n" + i, T0, T0)).as("entry %d", i).isEqualTo(FIRST);
        }
        assertThat(small.firstSeen("m", "one-too-many", T0, T0)).isEqualTo(FULL);
        assertThat(small.firstSeen("m", "one-too-many", T0, T0)).as("a FULL key was not recorded").isEqualTo(FULL);
        assertThat(small.firstSeen("m", "n7", T0, T0)).isEqualTo(REPLAY);
        assertThat(small.size()).isEqualTo(cap);
    }

    @Test
    void honestTrafficMayUseTheWholeBound() {
        // entries live skew seconds under an honest clock, so bound / skew new requests a second fit:
        // here 4096 per 10 s bucket (126,976 / 31), against 2048 when the bound was shared by all 62
        ReplayGuard g = new ReplayGuard(SKEW, 2048 * SLOTS);
        int perSecond = 380;
        for (long now = T0; now < T0 + 2 * SKEW; now++) {
            for (int i = 0; i < perSecond; i++) {
                assertThat(g.firstSeen("m", "n" + i, now, now)).as("request %d at second %d", i, now - T0).isEqualTo(FIRST);
            }
        }
        assertThat(g.size()).isLessThanOrEqualTo(g.capacity());
    }

    @Test
    void theWholeGuardHoldsNoMoreThanItsBoundWhicheverBucketsFill() {
        ReplayGuard g = new ReplayGuard(SKEW, 1); // 1024 per bucket, 1024 * 31 in all
        // requests stamped ahead of the clock fill 31 buckets of their own (allowed: |ts - now| <= skew)
        for (int k = 0; k < CURRENT; k++) {
            for (int i = 0; i < 1024; i++) {
                assertThat(g.firstSeen("m", k + "-" + i, T0 + k * ReplayGuard.BUCKET_SECONDS, T0)).isEqualTo(FIRST);
            }
        }
        assertThat(g.size()).isEqualTo(g.capacity()).isEqualTo(1024L * CURRENT);
        // a request stamped now goes to a bucket still empty, but the guard is full: refused, and retryable
        assertThat(g.firstSeen("m", "now", T0 - 50, T0)).isEqualTo(FULL);
        assertThat(g.firstSeen("m", "0-7", T0, T0)).as("replays are still recognised").isEqualTo(REPLAY);
        // 50 s on, the 5 buckets whose every expiry (T0 + 300 ... T0 + 349) has passed are emptied
        long on = T0 + 50 + SKEW;
        assertThat(g.firstSeen("m", "on", on, on)).isEqualTo(FIRST);
        assertThat(g.size()).isEqualTo(1024L * (CURRENT - 5) + 1);
        assertThat(g.firstSeen("m", "30-7", T0 + 300, on)).as("live buckets keep their keys").isEqualTo(REPLAY);
    }

    @Test
    void fullBucketDoesNotAffectOtherBuckets() {
        ReplayGuard small = new ReplayGuard(SKEW, 1); // each bucket still holds its floor of 1024
        int i = 0;
        while (small.firstSeen("m", "n" + i, T0, T0) == FIRST) {
            i++;
        }
        assertThat(i).isEqualTo(1024);
        assertThat(small.firstSeen("m", "x", T0 + ReplayGuard.BUCKET_SECONDS, T0)).isEqualTo(FIRST);
    }

    @Test
    void fullBucketTakesEntriesAgainAfterItsSlotIsReused() {
        ReplayGuard small = new ReplayGuard(SKEW, 1);
        for (int i = 0; i < 1024; i++) {
            small.firstSeen("m", "n" + i, T0, T0);
        }
        assertThat(small.firstSeen("m", "late", T0, T0)).isEqualTo(FULL);
        long later = T0 + WRAP_SECONDS;
        assertThat(small.firstSeen("m", "late", later, later)).isEqualTo(FIRST);
    }

    @Test
    void concurrentInsertsOfDistinctKeysAreAllFirstThenAllReplays() throws Exception {
        int threads = 8;
        int perThread = 3000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Map<Outcome, Integer> first = run(pool, threads, perThread);
            assertThat(first).containsExactly(Map.entry(FIRST, threads * perThread));
            assertThat(guard.size()).isEqualTo((long) threads * perThread);

            Map<Outcome, Integer> second = run(pool, threads, perThread);
            assertThat(second).containsExactly(Map.entry(REPLAY, threads * perThread));
            assertThat(guard.size()).isEqualTo((long) threads * perThread);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Each thread inserts its own keys, spread over the whole skew window so that buckets are shared. */
    private Map<Outcome, Integer> run(ExecutorService pool, int threads, int perThread) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<Outcome, Integer>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Callable<Map<Outcome, Integer>> task = () -> {
                Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
                start.await();
                for (int i = 0; i < perThread; i++) {
                    long ts = T0 - SKEW + (i % (2 * SKEW + 1));
                    Outcome o = guard.firstSeen("m" + (i % 3), "t" + thread + "-" + i, ts, T0);
                    counts.merge(o, 1, Integer::sum);
                }
                return counts;
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        Map<Outcome, Integer> total = new EnumMap<>(Outcome.class);
        for (Future<Map<Outcome, Integer>> f : results) {
            f.get(30, TimeUnit.SECONDS).forEach((k, v) -> total.merge(k, v, Integer::sum));
        }
        return total;
    }
}
