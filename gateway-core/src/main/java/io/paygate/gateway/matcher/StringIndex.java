package io.paygate.gateway.matcher;

import java.util.Arrays;
import java.util.function.Function;

/**
 * A lookup from a String id (out_trade_no, code_url token, transaction_id, out_refund_no, openid) to
 * the object it names, whose own field holds the id ({@code keyOf}). No removal.
 *
 * <p>Why not {@code HashMap}: the matcher's indexes grow to millions of entries, and there a
 * HashMap costs a 32-byte node per entry (more live objects for every GC to trace) and, on each
 * doubling, allocates a new table and stores a reference per node (each store with its GC write
 * barrier). Here the chains are primitive: {@code heads} gives a bucket's first entry, and each entry
 * is a {@code long} in {@code links} (the key's hash in the high half, the next entry of its bucket
 * in the low half, positions plus one so that 0 ends a chain) beside its value in {@code values}.
 * Entries are appended in insertion order, so the entry arrays grow by bulk copies and a doubling
 * only rebuilds {@code heads} and the next halves, reading no key. Buckets are picked as HashMap
 * picks them (the hash's low bits, folded), so ids that differ only in their last digits, as
 * merchants' out_trade_nos and our transaction_ids do, stay near each other in memory; chaining,
 * unlike linear probing, does not pile such runs of neighbours into long clusters.
 *
 * <p>Hash floods: out_trade_no and out_refund_no are the merchant's to choose, and String.hashCode
 * collisions are easy to make (every mix of "Aa" and "BB" blocks shares one), so a merchant could
 * pile its ids into one chain and make every lookup of the single matcher thread walk it. HashMap
 * turns such a bucket into a tree; here, once a put walks more than {@link #CHAIN_MAX} entries, the
 * index switches for good to a keyed hash (SipHash-1-3 with a random key drawn then) and rebuilds
 * its chains: without the key nobody can aim ids at a chain. Only speed changes, never an answer,
 * so the matcher stays deterministic.
 *
 * <p>Iteration is deliberately not offered: nothing the state hash or a tick walks may depend on the
 * order of a hash table. Not thread-safe (the matcher's thread only).
 */
final class StringIndex<V> {
    private static final int CAPACITY_MIN = 16;
    /**
     * The longest chain a put may walk before the index turns to its keyed hash. With String.hashCode
     * over 0.75 entries per bucket, honest ids (sequential or random) walk a few at most.
     */
    static final int CHAIN_MAX = 64;

    private final Function<V, String> keyOf;
    /** Per bucket: the position (plus one) of its most recent entry, or 0. */
    private int[] heads = new int[CAPACITY_MIN];
    /** Per entry: its key's hash (high half) and the position (plus one) of the next entry of its bucket. */
    private long[] links = new long[CAPACITY_MIN];
    private Object[] values = new Object[CAPACITY_MIN];
    private int size;
    /** The last find's chain walk, for put to see a flood. */
    private int walked;
    /** Whether ids are hashed with SipHash under {@link #k0}/{@link #k1} (after a flood) rather than String.hashCode. */
    private boolean keyed;
    private long k0;
    private long k1;

    /** @param keyOf the id a value is found by (it must not change while the value is indexed) */
    StringIndex(Function<V, String> keyOf) {
        this.keyOf = keyOf;
    }

    int size() {
        return size;
    }

    boolean containsKey(String key) {
        return get(key) != null;
    }

    /** The value whose id is {@code key}, or null. */
    V get(String key) {
        int p = find(key, hash(key));
        return p < 0 ? null : value(p);
    }

    /**
     * Indexes {@code value} (not null) by its id, replacing and returning the value indexed by the
     * same id before, or null.
     */
    V put(V value) {
        String key = keyOf.apply(value);
        Invariants.check(key != null, "indexing a value without an id");
        int h = hash(key);
        int p = find(key, h);
        if (p >= 0) {
            V old = value(p);
            values[p] = value;
            return old;
        }
        if (walked > CHAIN_MAX && !keyed) {
            turnKeyed();
            h = hash(key);
        }
        if (size == values.length) {
            Invariants.check(size < 1 << 30, "index too large", size, 0);
            values = Arrays.copyOf(values, size * 2);
            links = Arrays.copyOf(links, size * 2);
        }
        int b = bucket(h, heads.length);
        values[size] = value;
        links[size] = link(h, heads[b]);
        heads[b] = ++size;
        if (size > heads.length / 4 * 3) {
            rehash(heads.length * 2);
        }
        return null;
    }

    /** The position of the entry whose id is {@code key}, or -1. */
    private int find(String key, int h) {
        long[] l = links;
        int steps = 0;
        for (int next = heads[bucket(h, heads.length)]; next != 0; steps++) {
            long e = l[next - 1];
            if ((int) (e >>> 32) == h) {
                String k = keyOf.apply(value(next - 1));
                if (k == key || key.equals(k)) {
                    return next - 1;
                }
            }
            next = (int) e;
        }
        walked = steps;
        return -1;
    }

    /** Whether a flood turned this index to its keyed hash (for tests). */
    boolean keyed() {
        return keyed;
    }

    /** The longest chain right now (for tests). */
    int longestChain() {
        int longest = 0;
        for (int head : heads) {
            int n = 0;
            for (int next = head; next != 0; next = (int) links[next - 1]) {
                n++;
            }
            longest = Math.max(longest, n);
        }
        return longest;
    }

    private int hash(String key) {
        return keyed ? keyedHash(key, k0, k1) : key.hashCode();
    }

    /** Draws the key, stores every entry's keyed hash and rebuilds the chains with it. */
    private void turnKeyed() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        k0 = random.nextLong();
        k1 = random.nextLong();
        keyed = true;
        for (int p = 0; p < size; p++) {
            links[p] = link(keyedHash(keyOf.apply(value(p)), k0, k1), 0);
        }
        rehash(heads.length);
    }

    /** SipHash-1-3 over the id's UTF-16 chars (four per 64-bit word), folded to 32 bits. */
    static int keyedHash(String s, long k0, long k1) {
        long[] v = {k0 ^ 0x736f6d6570736575L, k1 ^ 0x646f72616e646f6dL, k0 ^ 0x6c7967656e657261L,
                k1 ^ 0x7465646279746573L};
        int n = s.length();
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            compress(v, s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32
                    | (long) s.charAt(i + 3) << 48);
        }
        long last = (long) (n & 0xFFFF) << 48; // the length, and the 0 to 3 chars left
        for (int shift = 0; i < n; i++, shift += 16) {
            last |= (long) s.charAt(i) << shift;
        }
        compress(v, last);
        v[2] ^= 0xff;
        for (int r = 0; r < 3; r++) {
            sipRound(v);
        }
        long h = v[0] ^ v[1] ^ v[2] ^ v[3];
        return (int) (h ^ (h >>> 32));
    }

    private static void compress(long[] v, long m) {
        v[3] ^= m;
        sipRound(v);
        v[0] ^= m;
    }

    private static void sipRound(long[] v) {
        v[0] += v[1];
        v[1] = Long.rotateLeft(v[1], 13) ^ v[0];
        v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3];
        v[3] = Long.rotateLeft(v[3], 16) ^ v[2];
        v[0] += v[3];
        v[3] = Long.rotateLeft(v[3], 21) ^ v[0];
        v[2] += v[1];
        v[1] = Long.rotateLeft(v[1], 17) ^ v[2];
        v[2] = Long.rotateLeft(v[2], 32);
    }

    @SuppressWarnings("unchecked")
    private V value(int p) {
        return (V) values[p];
    }

    private static int bucket(int h, int buckets) {
        return (h ^ (h >>> 16)) & (buckets - 1);
    }

    private static long link(int h, int next) {
        return ((long) h << 32) | (next & 0xFFFF_FFFFL);
    }

    /** Rebuilds the chains over {@code buckets} buckets from the stored hashes. */
    private void rehash(int buckets) {
        int[] hs = new int[buckets];
        long[] l = links;
        for (int p = 0; p < size; p++) {
            int h = (int) (l[p] >>> 32);
            int b = bucket(h, buckets);
            l[p] = link(h, hs[b]);
            hs[b] = p + 1;
        }
        heads = hs;
    }
}
