package io.paygate.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_256_GCM as WeChat Pay uses it for notification resources (§4) and
 * {@code /v3/certificates} entries (§1.4): key = the APIv3 key's 32 ASCII bytes, IV = the 12-byte
 * nonce string as UTF-8, AAD = {@code associated_data} as UTF-8 (possibly empty), output
 * {@code base64(ciphertext || 16-byte tag)}.
 *
 * <p>Callers must not reuse a nonce under the same key; a fresh {@link Nonces#alphanumeric} of 12
 * characters per encryption is what the protocol expects.
 */
public final class AesGcm {

    /** The nonce must be exactly this many UTF-8 bytes. */
    public static final int NONCE_BYTES = 12;

    private static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;
    private static final String DECRYPTION_FAILED = "decryption failed";

    private AesGcm() {
    }

    /**
     * @param associatedData the AAD; null means empty
     * @throws IllegalArgumentException if the nonce is not exactly 12 UTF-8 bytes
     */
    public static String encryptToBase64(ApiV3Key key, String nonce, String associatedData, byte[] plaintext) {
        return encryptToBase64(Algorithm.AES_256_GCM, key, nonce, associatedData, plaintext);
    }

    /** The two AEAD algorithms of WeChat Pay's resources, with their {@code algorithm} names. */
    public enum Algorithm {
        /** AES-256-GCM keyed with the APIv3 key's 32 ASCII bytes. */
        AES_256_GCM("AEAD_AES_256_GCM"),
        /** SM4-GCM keyed with the first 16 bytes of SM3(APIv3 key) (see {@link Sm}). */
        SM4_GCM("AEAD_SM4_GCM");

        private final String wireName;

        Algorithm(String wireName) {
            this.wireName = wireName;
        }

        /** The {@code algorithm} value on the wire. */
        public String wireName() {
            return wireName;
        }
    }

    /** Encrypts with either AEAD; the same nonce, AAD and output rules as AES. */
    public static String encryptToBase64(Algorithm algorithm, ApiV3Key key, String nonce, String associatedData,
            byte[] plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, algorithm, key, nonce, associatedData);
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.wireName() + " encryption failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * @param associatedData the AAD; null means empty
     * @throws IllegalArgumentException with message {@code "decryption failed"} if the tag does not
     *     match (wrong key, nonce, AAD, or tampered ciphertext); with a message starting
     *     {@code "decryption failed: "} if the ciphertext is not Base64 or shorter than the tag; or
     *     if the nonce is not exactly 12 UTF-8 bytes
     */
    public static byte[] decryptFromBase64(ApiV3Key key, String nonce, String associatedData,
            String ciphertextBase64) {
        return decryptFromBase64(Algorithm.AES_256_GCM, key, nonce, associatedData, ciphertextBase64);
    }

    /** Decrypts with either AEAD; the same failures as the AES variant. */
    public static byte[] decryptFromBase64(Algorithm algorithm, ApiV3Key key, String nonce, String associatedData,
            String ciphertextBase64) {
        Objects.requireNonNull(ciphertextBase64, "ciphertextBase64");
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(ciphertextBase64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(DECRYPTION_FAILED + ": ciphertext is not valid base64");
        }
        if (sealed.length < TAG_BYTES) {
            throw new IllegalArgumentException(
                    DECRYPTION_FAILED + ": ciphertext is shorter than the " + TAG_BYTES + "-byte tag");
        }
        Cipher cipher;
        try {
            cipher = cipher(Cipher.DECRYPT_MODE, algorithm, key, nonce, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.wireName() + " is unavailable (" + e.getClass().getSimpleName() + ")");
        }
        try {
            return cipher.doFinal(sealed);
        } catch (GeneralSecurityException e) {
            // AEADBadTagException in practice: wrong key, nonce or AAD, or a tampered ciphertext.
            throw new IllegalArgumentException(DECRYPTION_FAILED);
        }
    }

    /** One AES-GCM Cipher per thread: getInstance costs more than sealing a 600-byte notification. */
    private static final ThreadLocal<Cipher> AES = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/GCM", e);
        }
    });

    private static Cipher cipher(int mode, Algorithm algorithm, ApiV3Key key, String nonce, String associatedData)
            throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(nonce, "nonce");
        byte[] iv = nonce.getBytes(StandardCharsets.UTF_8);
        if (iv.length != NONCE_BYTES) {
            throw new IllegalArgumentException("AES-GCM nonce must be exactly " + NONCE_BYTES
                    + " UTF-8 bytes, got " + iv.length);
        }
        Cipher cipher;
        if (algorithm == Algorithm.SM4_GCM) {
            cipher = Cipher.getInstance("SM4/GCM/NoPadding", Sm.BC);
            cipher.init(mode, new SecretKeySpec(Sm.sm4Key(key), "SM4"), new GCMParameterSpec(TAG_BITS, iv));
        } else {
            cipher = AES.get();
            try {
                cipher.init(mode, key.aesKey(), new GCMParameterSpec(TAG_BITS, iv));
            } catch (InvalidAlgorithmParameterException e) {
                // the JDK refuses to encrypt twice in a row with the same key and nonce on one Cipher
                // (a guard against GCM nonce reuse); a caller that chose a fixed nonce gets a fresh one
                cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(mode, key.aesKey(), new GCMParameterSpec(TAG_BITS, iv));
                AES.set(cipher);
            }
        }
        if (associatedData != null && !associatedData.isEmpty()) {
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        }
        return cipher;
    }
}
