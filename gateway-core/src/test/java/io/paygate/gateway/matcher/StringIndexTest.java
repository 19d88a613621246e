package io.paygate.gateway.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringIndexTest {

    /** A value that carries its id, as orders, refunds and payers do. */
    record Named(String id, int n) {
    }

    final StringIndex<Named> index = new StringIndex<>(Named::id);

    @Test
    void findsWhatWasPutThroughManyGrowths() {
        for (int i = 0; i < 100_000; i++) {
            assertThat(index.put(new Named("BENCH" + i, i))).isNull();
        }
        assertThat(index.size()).isEqualTo(100_000);
        for (int i = 0; i < 100_000; i++) {
            assertThat(index.get(new String("BENCH" + i)).n()).isEqualTo(i);
        }
        assertThat(index.get("BENCH100000")).isNull();
        assertThat(index.containsKey("BENCH-1")).isFalse();
        assertThat(index.containsKey("BENCH7")).isTrue();
    }

    @Test
    void replacesAndReturnsThePreviousValue() {
        Named first = new Named("a", 1);
        assertThat(index.put(first)).isNull();
        assertThat(index.put(new Named(new String("a"), 2))).isSameAs(first);
        assertThat(index.get("a").n()).isEqualTo(2);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void keysWithEqualOrZeroHashesStayApart() {
        // "Aa" and "BB" share a hash; "", "\0" and "\0\0" all hash to 0
        String[] keys = {"Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa", "", "\0", "\0\0"};
        for (int i = 0; i < keys.length; i++) {
            index.put(new Named(keys[i], i));
        }
        for (int i = 0; i < keys.length; i++) {
            assertThat(index.get(keys[i]).n()).isEqualTo(i);
        }
        assertThat(index.get("\0\0\0")).isNull();
        assertThat(index.size()).isEqualTo(keys.length);
    }

    @Test
    void agreesWithHashMapOnARandomWorkload() {
        Random rnd = new Random(7);
        Map<String, Named> model = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            String k = Integer.toString(rnd.nextInt(20_000), 36);
            if (rnd.nextBoolean()) {
                Named v = new Named(k, i);
                assertThat(index.put(v)).as("put %s", k).isEqualTo(model.put(k, v));
            } else {
                assertThat(index.get(k)).as("get %s", k).isEqualTo(model.get(k));
            }
        }
        assertThat(index.size()).isEqualTo(model.size());
    }

    /** Every mix of {@code blocks} "Aa"/"BB" pairs: 2^blocks distinct ids with one String.hashCode. */
    static String collidingId(int bits, int blocks) {
        StringBuilder id = new StringBuilder();
        for (int b = 0; b < blocks; b++) {
            id.append((bits >>> b & 1) == 0 ? "Aa" : "BB");
        }
        return id.toString();
    }

    @Test
    void aFloodOfEqualHashIdsGoesToTheOverflowTreeAndChainsStayShort() {
        int n = 1 << 14;
        for (int i = 0; i < n; i++) {
            assertThat(index.put(new Named(collidingId(i, 14), i))).isNull();
        }
        assertThat(collidingId(0, 14).hashCode()).isEqualTo(collidingId(n - 1, 14).hashCode());
        assertThat(index.overflowed()).isEqualTo(n - StringIndex.CHAIN_MAX - 1);
        assertThat(index.longestChain()).isEqualTo(StringIndex.CHAIN_MAX + 1);
        for (int i = 0; i < n; i++) {
            assertThat(index.get(new String(collidingId(i, 14))).n()).isEqualTo(i);
        }
        assertThat(index.get(collidingId(0, 13))).isNull();
        assertThat(index.containsKey(collidingId(3, 15))).isFalse();
        // replacing works wherever the id sits: in the chain (early ids) or in the tree (late ones)
        for (int i : new int[] {0, 5, n - 1}) {
            Named before = index.get(collidingId(i, 14));
            assertThat(index.put(new Named(collidingId(i, 14), -i))).isSameAs(before);
            assertThat(index.get(collidingId(i, 14)).n()).isEqualTo(-i);
        }
        assertThat(index.size()).isEqualTo(n);
        // honest ids put after the flood still go to the chains
        for (int i = 0; i < 1000; i++) {
            index.put(new Named("ORDER" + i, i));
        }
        assertThat(index.overflowed()).isEqualTo(n - StringIndex.CHAIN_MAX - 1);
        assertThat(index.get("ORDER999").n()).isEqualTo(999);
        assertThat(index.size()).isEqualTo(n + 1000);
    }

    @Test
    void honestIdsNeverOverflow() {
        Random rnd = new Random(11);
        StringIndex<Named> tokens = new StringIndex<>(Named::id);
        for (int i = 0; i < 300_000; i++) {
            index.put(new Named(String.format("BENCH%020d", i), i)); // a merchant's sequential out_trade_nos
            StringBuilder t = new StringBuilder();
            for (int c = 0; c < 16; c++) {
                t.append((char) ('a' + rnd.nextInt(26)));
            }
            tokens.put(new Named(t.toString(), i)); // random tokens
        }
        assertThat(index.overflowed()).isZero();
        assertThat(tokens.overflowed()).isZero();
        assertThat(index.longestChain()).isLessThan(16);
        assertThat(tokens.longestChain()).isLessThan(16);
    }
}
