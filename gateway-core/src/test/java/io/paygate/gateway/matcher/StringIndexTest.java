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
}
