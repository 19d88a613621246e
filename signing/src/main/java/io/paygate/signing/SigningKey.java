package io.paygate.signing;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * A private key together with the id that names it on the wire.
 *
 * <p>The id is what goes into {@code Wechatpay-Serial} (platform keys) or the {@code serial_no} of
 * an {@code Authorization} header (merchant keys): an uppercase hex certificate serial, or a WeChat
 * Pay public-key id {@code PUB_KEY_ID_...}. It is limited to 1..{@value #KEY_ID_CHARS_MAX} characters
 * of {@code [0-9A-Za-z_]}, the same bound {@link AuthorizationHeader} enforces on {@code serial_no},
 * so that it can be put into a header without escaping.
 *
 * <p>{@code toString()} shows the id but never the key.
 */
public final class SigningKey {

    /** Longest key id accepted; matches the {@code serial_no} bound of {@link AuthorizationHeader}. */
    public static final int KEY_ID_CHARS_MAX = 64;

    private final String keyId;
    private final PrivateKey privateKey;
    /** The key in Conscrypt's form for {@link FastRsa}, made once on first use (null: sign with the JDK). */
    private volatile PrivateKey fastKey;
    private volatile boolean fastKeyTried;

    private SigningKey(String keyId, PrivateKey privateKey) {
        this.keyId = keyId;
        this.privateKey = privateKey;
    }

    /**
     * @throws IllegalArgumentException if {@code keyId} is empty, too long or has characters
     *     outside {@code [0-9A-Za-z_]}
     */
    public static SigningKey of(String keyId, PrivateKey key) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(key, "key");
        if (keyId.isEmpty() || keyId.length() > KEY_ID_CHARS_MAX) {
            throw new IllegalArgumentException("key id must be 1.." + KEY_ID_CHARS_MAX + " characters");
        }
        for (int i = 0; i < keyId.length(); i++) {
            if (!AuthorizationHeader.isSerialChar(keyId.charAt(i))) {
                throw new IllegalArgumentException("key id must contain only [0-9A-Za-z_]");
            }
        }
        return new SigningKey(keyId, key);
    }

    public String keyId() {
        return keyId;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** {@link #privateKey()} translated for {@link FastRsa}, or null; computed once (a race only repeats it). */
    PrivateKey fastKey() {
        if (!fastKeyTried) {
            fastKey = FastRsa.translate(privateKey);
            fastKeyTried = true;
        }
        return fastKey;
    }

    @Override
    public String toString() {
        return "SigningKey[keyId=" + keyId + ", ****]";
    }
}
