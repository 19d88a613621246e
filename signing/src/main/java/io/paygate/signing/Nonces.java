package io.paygate.signing;

import java.security.SecureRandom;
import java.util.Objects;

/** Random nonce strings as the WeChat Pay SDKs make them: characters of {@code [0-9A-Za-z]}. */
public final class Nonces {

    /** Longest nonce this class makes; far above the 32 characters the protocol uses. */
    public static final int NONCE_CHARS_MAX = 1024;

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    /** 4 * 62: random bytes below this map uniformly onto the alphabet with {@code b % 62}. */
    private static final int ACCEPT_BELOW = 248;

    private Nonces() {
    }

    /**
     * Returns {@code length} characters drawn uniformly from {@code [0-9A-Za-z]}.
     *
     * <p>Random bytes are drawn in one batch (refilled in the rare case that rejection sampling
     * exhausts it) rather than one {@code nextInt} per character, because every signed response
     * needs a nonce and a {@link SecureRandom} call is not free.
     *
     * @throws IllegalArgumentException if {@code length} is not in 1..{@value #NONCE_CHARS_MAX}
     */
    public static String alphanumeric(SecureRandom rnd, int length) {
        Objects.requireNonNull(rnd, "rnd");
        if (length < 1 || length > NONCE_CHARS_MAX) {
            throw new IllegalArgumentException(
                    "nonce length must be 1.." + NONCE_CHARS_MAX + ", was " + length);
        }
        char[] out = new char[length];
        byte[] pool = new byte[length + length / 4 + 4];
        int used = pool.length;
        for (int i = 0; i < length; ) {
            if (used == pool.length) {
                rnd.nextBytes(pool);
                used = 0;
            }
            int b = pool[used++] & 0xFF;
            if (b < ACCEPT_BELOW) {
                out[i++] = ALPHABET[b % ALPHABET.length];
            }
        }
        return new String(out);
    }
}
