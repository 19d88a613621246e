package io.paygate.gateway.verify;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers each (mchid, nonce_str, timestamp) that passed signature verification for as long as a
 * replay of it could still pass the clock-skew check, and refuses to see one twice.
 *
 * <p>A request stamped {@code ts} is accepted while {@code |now - ts| <= skew}, so its nonce must be
 * kept until {@code ts + skew}. Entries live in buckets by that expiry second; a bucket is cleared
 * when its time has passed and its slot comes round again. Each entry is a 64-bit hash of the key
 * (a false "seen" needs a 64-bit collision among the requests of one window). Memory is bounded: the
 * guard holds at most its bound of entries, and a full bucket or a full guard refuses new entries;
 * the caller answers that request with a retryable error rather than give up replay protection.
 *
 * <p>The bound is shared among the buckets that requests stamped with the current time fill at once
 * (expiries in {@code [now, now + skew]}: {@code skew / BUCKET_SECONDS + 1} of them), not among all
 * of them: the other half only ever hold requests stamped ahead of the server's clock. Sharing it
 * among all of them halved what honest traffic could use: with 2,000,000 entries and a 300 s skew,
 * more than 3,225 new requests a second filled each 10 s bucket and were refused (an SM2 load run
 * met it: 14,877 of 17,140 requests answered 429); now that rate is 6,450 a second, while one burst
 * of timestamps still fills only its own bucket, and the guard as a whole holds no more than the
 * bound (give or take one entry per thread inserting at that very moment).
 *
 * <p>Thread-safe: each bucket is guarded by its own lock, held for a handful of array operations.
 */
public final class ReplayGuard {

    /** Width of one bucket in seconds. */
    static final int BUCKET_SECONDS = 10;

    private final Bucket[] buckets;
    private final long skewSeconds;
    private final int entriesPerBucketMax;
    /** The most entries held across all buckets. */
    private final long entriesMax;
    /** Entries held across all buckets (kept beside each bucket's size, under that bucket's lock). */
    private final AtomicLong held = new AtomicLong();
    private NonceLog log;

    /**
     * @param skewSeconds the clock-skew window of the verify stage
     * @param entriesMax the most entries kept across all buckets (each bucket keeps at least 1024, so
     *     very small values are rounded up to 1024 per bucket)
     */
    public ReplayGuard(long skewSeconds, int entriesMax) {
        this.skewSeconds = skewSeconds;
        // expiries fall in [now, now + 2*skew]; one spare bucket so a slot is never shared by two live times
        int count = (int) ((2 * skewSeconds) / BUCKET_SECONDS) + 2;
        this.buckets = new Bucket[count];
        int current = (int) (skewSeconds / BUCKET_SECONDS) + 1; // the buckets requests stamped "now" fill
        this.entriesPerBucketMax = Math.max(1024, entriesMax / current);
        this.entriesMax = (long) entriesPerBucketMax * current;
        for (int i = 0; i < count; i++) {
            buckets[i] = new Bucket();
        }
    }

    /**
     * Makes the guard durable: first seeds it with the entries of {@code nonceLog} that could still be
     * replayed at {@code nowSeconds}, then records every new key there.
     */
    public ReplayGuard persistTo(NonceLog nonceLog, long nowSeconds) {
        nonceLog.load(nowSeconds - 2 * skewSeconds, (hash, ts) -> insert(hash, ts, nowSeconds));
        this.log = nonceLog;
        return this;
    }

    /** Outcome of {@link #firstSeen}. */
    public enum Outcome { FIRST, REPLAY, FULL }

    /**
     * Records the key and says whether it is new.
     *
     * @param timestampSeconds the request's timestamp (already checked to be within the skew)
     * @param nowSeconds the server's clock
     */
    public Outcome firstSeen(String mchid, String nonce, long timestampSeconds, long nowSeconds) {
        long hash = hash(mchid, nonce, timestampSeconds);
        Outcome outcome = insert(hash, timestampSeconds, nowSeconds);
        if (outcome == Outcome.FIRST && log != null) {
            log.record(hash, timestampSeconds);
        }
        return outcome;
    }

    private Outcome insert(long hash, long timestampSeconds, long nowSeconds) {
        long expiry = timestampSeconds + skewSeconds;
        if (expiry < nowSeconds) {
            return Outcome.REPLAY; // too old to matter (only loaded entries get here)
        }
        long epoch = Math.floorDiv(expiry, BUCKET_SECONDS);
        Bucket b = buckets[(int) Math.floorMod(epoch, (long) buckets.length)];
        long nowEpoch = Math.floorDiv(nowSeconds, BUCKET_SECONDS);
        if (held.get() >= entriesMax) {
            reclaim(nowEpoch);
        }
        synchronized (b) {
            if (b.epoch != epoch) {
                if (b.epoch > epoch && b.epoch >= nowEpoch) {
                    // the slot holds a later, still-live window: this key is older than any replay can be
                    return Outcome.REPLAY;
                }
                held.addAndGet(-b.size);
                b.reset(epoch);
            }
            Outcome outcome = b.add(hash, held.get() < entriesMax ? entriesPerBucketMax : b.size);
            if (outcome == Outcome.FIRST) {
                held.incrementAndGet();
            }
            return outcome;
        }
    }

    /**
     * Empties the buckets whose whole window has passed (every expiry in them is before now, so no
     * request they could match would pass the skew check). A bucket is otherwise emptied only when
     * its slot comes round again, a whole wrap later, and until then its entries would count against
     * the bound. One bucket lock at a time, never inside another.
     */
    private void reclaim(long nowEpoch) {
        for (Bucket b : buckets) {
            synchronized (b) {
                if (b.epoch < nowEpoch && b.size > 0) {
                    held.addAndGet(-b.size);
                    b.reset(b.epoch);
                }
            }
        }
    }

    /** The most entries the guard holds (its bound, rounded to whole buckets). */
    public long capacity() {
        return entriesMax;
    }

    /** Entries held now (for a gauge and tests). */
    public long size() {
        long n = 0;
        for (Bucket b : buckets) {
            synchronized (b) {
                n += b.size;
            }
        }
        return n;
    }

    static long hash(String mchid, String nonce, long ts) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, mchid);
        h = (h ^ 0x1F) * 0x100000001b3L;
        h = mix(h, nonce);
        h ^= ts;
        h *= 0x9E3779B97F4A7C15L;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return h == 0 ? 1 : h; // 0 marks an empty slot
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Open-addressing set of non-zero longs that grows by doubling. */
    private static final class Bucket {
        long epoch = Long.MIN_VALUE;
        long[] table = new long[64];
        int size;

        void reset(long newEpoch) {
            epoch = newEpoch;
            if (table.length > 64) {
                table = new long[64];
            } else {
                java.util.Arrays.fill(table, 0);
            }
            size = 0;
        }

        Outcome add(long hash, int max) {
            int mask = table.length - 1;
            int i = (int) (hash ^ (hash >>> 32)) & mask;
            while (table[i] != 0) {
                if (table[i] == hash) {
                    return Outcome.REPLAY;
                }
                i = (i + 1) & mask;
            }
            if (size >= max) {
                return Outcome.FULL;
            }
            table[i] = hash;
            size++;
            if (size * 2 > table.length) {
                grow();
            }
            return Outcome.FIRST;
        }

        private void grow() {
            long[] old = table;
            table = new long[old.length * 2];
            int mask = table.length - 1;
            for (long h : old) {
                if (h != 0) {
                    int i = (int) (h ^ (h >>> 32)) & mask;
                    while (table[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    table[i] = h;
                }
            }
        }
    }
}
