package io.paygate.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoncesTest {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** Hands out a fixed byte cycle so the mapping can be checked by hand. */
    private static final class CyclingRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final int[] cycle;
        private int next;

        CyclingRandom(int... cycle) {
            this.cycle = cycle;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) cycle[next++ % cycle.length];
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 12, 32, 64, 1024})
    void hasTheRequestedLengthAndAlphabet(int length) {
        assertThat(Nonces.alphanumeric(new SecureRandom(), length)).matches("[0-9A-Za-z]{" + length + "}");
    }

    /** 248..255 are rejected; b maps to ALPHABET[b % 62]: 0->'0', 61->'z', 62->'0', 123->'z', 247->'z', 10->'A', 36->'a'. */
    @Test
    void mapsBytesByHandComputedTable() {
        SecureRandom fixed = new CyclingRandom(248, 255, 0, 61, 62, 123, 247, 10, 36);
        assertThat(Nonces.alphanumeric(fixed, 7)).isEqualTo("0z0zzAa");
    }

    @Test
    void refillsWhenRejectionsExhaustTheBatch() {
        SecureRandom mostlyRejected = new CyclingRandom(255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 1);
        assertThat(Nonces.alphanumeric(mostlyRejected, 3)).isEqualTo("111");
    }

    @Test
    void usesEveryCharacterOfTheAlphabet() {
        Set<Character> seen = new TreeSet<>();
        SecureRandom rnd = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            for (char c : Nonces.alphanumeric(rnd, 1024).toCharArray()) {
                seen.add(c);
            }
        }
        StringBuilder all = new StringBuilder();
        seen.forEach(all::append);
        assertThat(all.toString()).isEqualTo(ALPHABET);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1025})
    void rejectsLengthsOutOfRange(int length) {
        assertThatThrownBy(() -> Nonces.alphanumeric(new SecureRandom(), length))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
