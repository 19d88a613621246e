package io.paygate.gateway.matcher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over a canonical walk of the matcher state: every value length-prefixed or fixed-width,
 * so two states hash equal only when every field is equal. Used by replay checks, {@code paygate
 * verify} and the ledger endpoint; never on the hot path.
 */
final class StateHasher {
    private final MessageDigest digest;
    private final byte[] eight = new byte[8];

    StateHasher() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    StateHasher add(long v) {
        for (int i = 0; i < 8; i++) {
            eight[i] = (byte) (v >>> (8 * i));
        }
        digest.update(eight);
        return this;
    }

    StateHasher add(String s) {
        if (s == null) {
            return add(-1L);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        add(b.length);
        digest.update(b);
        return this;
    }

    StateHasher add(byte[] b) {
        if (b == null) {
            return add(-1L);
        }
        add(b.length);
        digest.update(b);
        return this;
    }

    StateHasher add(Enum<?> e) {
        return add(e == null ? -1L : e.ordinal());
    }

    String hex() {
        byte[] d = digest.digest();
        StringBuilder sb = new StringBuilder(d.length * 2);
        for (byte x : d) {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.toString();
    }
}
