package io.paygate.gateway.matcher;

import java.util.Arrays;
import java.util.TreeMap;
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
 * collisions are easy to make (every mix of "Aa" and "BB" blocks shares one; ids can as easily be
 * aimed at one bucket), so a merchant could pile its ids into one chain and make every lookup of the
 * single matcher thread walk it. As HashMap turns such a bucket into a tree, a new id whose chain is
 * already longer than {@link #CHAIN_MAX} goes to an overflow {@link TreeMap} instead, which compares
 * ids and so cannot be aimed at: no walk is ever longer than that, and lookups only look in the tree
 * once it exists (after a flood). It is deterministic and draws no random number, as the matcher
 * must not; only speed depends on it, never an answer.
 *
 * <p>Iteration is deliberately not offered: nothing the state hash or a tick walks may depend on the
 * order of a hash table. Not thread-safe (the matcher's thread only).
 */
final class StringIndex<V> {
    private static final int CAPACITY_MIN = 16;
    /**
     * The longest chain: a new id whose chain is longer goes to the overflow tree. With
     * String.hashCode over 0.75 entries per bucket, honest ids (sequential or random) walk a few.
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
    /** Ids that met a chain longer than {@link #CHAIN_MAX}; null until a flood. */
    private TreeMap<String, V> overflow;

    /** @param keyOf the id a value is found by (it must not change while the value is indexed) */
    StringIndex(Function<V, String> keyOf) {
        this.keyOf = keyOf;
    }

    int size() {
        return size + (overflow == null ? 0 : overflow.size());
    }

    boolean containsKey(String key) {
        return get(key) != null;
    }

    /** The value whose id is {@code key}, or null. */
    V get(String key) {
        int p = find(key, key.hashCode());
        if (p >= 0) {
            return value(p);
        }
        return overflow == null ? null : overflow.get(key);
    }

    /**
     * Indexes {@code value} (not null) by its id, replacing and returning the value indexed by the
     * same id before, or null.
     */
    V put(V value) {
        String key = keyOf.apply(value);
        Invariants.check(key != null, "indexing a value without an id");
        int h = key.hashCode();
        int p = find(key, h);
        if (p >= 0) {
            V old = value(p);
            values[p] = value;
            return old;
        }
        if (overflow != null && overflow.containsKey(key)) {
            return overflow.put(key, value);
        }
        if (walked > CHAIN_MAX) {
            if (overflow == null) {
                overflow = new TreeMap<>();
            }
            return overflow.put(key, value);
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

    /** Ids in the overflow tree (for tests). */
    int overflowed() {
        return overflow == null ? 0 : overflow.size();
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
