package io.paygate.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * A merchant's APIv3 key: 32 printable ASCII characters whose ASCII bytes are the AES-256 key of
 * AEAD_AES_256_GCM (notification resources, {@code /v3/certificates} entries).
 *
 * <p>{@code toString()} is masked and no exception thrown here echoes the key. Equality compares
 * the key bytes in constant time.
 */
public final class ApiV3Key {

    /** The key is exactly this many ASCII characters, hence this many AES key bytes. */
    public static final int KEY_CHARS = 32;

    private final byte[] bytes;
    private final SecretKeySpec aesKey;
    private final int hash;

    private ApiV3Key(byte[] bytes) {
        this.bytes = bytes;
        this.aesKey = new SecretKeySpec(bytes, "AES");
        this.hash = digestHash(bytes);
    }

    /**
     * @param ascii32 exactly {@value #KEY_CHARS} printable ASCII characters (0x20..0x7E)
     * @throws IllegalArgumentException otherwise; the message does not contain the value
     */
    public static ApiV3Key of(String ascii32) {
        if (ascii32 == null) {
            throw new IllegalArgumentException("APIv3 key is missing");
        }
        if (ascii32.length() != KEY_CHARS) {
            throw new IllegalArgumentException("APIv3 key must be exactly " + KEY_CHARS
                    + " printable ASCII characters, got " + ascii32.length() + " characters");
        }
        for (int i = 0; i < KEY_CHARS; i++) {
            char c = ascii32.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException(
                        "APIv3 key must contain only printable ASCII characters (position " + i + " is not)");
            }
        }
        return new ApiV3Key(ascii32.getBytes(StandardCharsets.US_ASCII));
    }

    /** A fresh key of {@value #KEY_CHARS} characters from {@code [0-9A-Za-z]}, as the merchant platform makes them. */
    public static ApiV3Key random(SecureRandom rnd) {
        return of(Nonces.alphanumeric(rnd, KEY_CHARS));
    }

    /**
     * Returns the key text. Only provisioning should call this, to hand the key to the merchant
     * once; never log the result.
     */
    public String reveal() {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** The AES-256 key for {@link AesGcm}. {@link SecretKeySpec#getEncoded()} hands out copies. */
    SecretKeySpec aesKey() {
        return aesKey;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiV3Key that && MessageDigest.isEqual(bytes, that.bytes);
    }

    /** Derived from a SHA-256 of the key so that even the hash code is not a linear function of it. */
    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "ApiV3Key[****]";
    }

    /** A copy of the key's ASCII bytes (for SM4 key derivation). */
    byte[] bytes() {
        return bytes.clone();
    }

    private static int digestHash(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(Objects.requireNonNull(bytes));
            return (d[0] & 0xFF) << 24 | (d[1] & 0xFF) << 16 | (d[2] & 0xFF) << 8 | (d[3] & 0xFF);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
