package io.paygate.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * AEAD_AES_256_GCM known answers. Every expected ciphertext was computed with Python's
 * {@code cryptography} 48 ({@code AESGCM(key).encrypt(nonce, plaintext, aad)}, then base64), not
 * with the code under test. {@code kat/platform-cert.gcm.b64} is that encryption of
 * {@code kat/platform-cert.pem} with nonce {@value #CERT_NONCE} and AAD "certificate".
 */
class AesGcmTest {

    private static final ApiV3Key KEY = ApiV3Key.of("9dGk3Pq7Lm2Xw8Rt5Yb1Zc6Vn4Hs0JfA");
    private static final String NONCE = "4xR2kP9mQw1Z";
    private static final String CERT_NONCE = "Zq8rT2mW5nXp";

    private static final String TRANSACTION = "{\"mchid\":\"1900000001\",\"out_trade_no\":\"1217752501201407033233368018\","
            + "\"transaction_id\":\"4200000000000000000000000001\",\"trade_state\":\"SUCCESS\",\"trade_state_desc\":\"支付成功\","
            + "\"amount\":{\"total\":1,\"payer_total\":1,\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
    private static final String TRANSACTION_CIPHERTEXT =
            "9k4PUq8YjBy3LlwMBMbMvgZVwitU5CNeZjJ/DJG+82JDAi5v/rirPY9lRsiqKs9v1AU1P+31LM4KOIr+TWIkOyV36FvmEesjJ4MDeTNJ"
            + "4QASivKP2lJ2YlPXBzuiUt3I+YxXxi5hFG/b5rGCVNWmxPeTyN5cLEe+xBayCrYkIE8zccx2wRdFr0xBbx4g6OLKZEsrFGAZcbsQ4G3y"
            + "q/B6o98GCvNUicOkM/8nWmMNILxspwV3gPEOXKQUQ/y9RLOwxtTpESICjjKOgxbgomOD9EQwRNgqU+NnnRc8EZ4SgUVJoMeoVGvKhK2f"
            + "rTRqIZzODp3nxM064uu9TLGEDB9OYSMFc9Fth8GUoqro";
    /** "hello paygate", AAD empty. */
    private static final String EMPTY_AAD_CIPHERTEXT = "5QkOXahRmF/0awxBUUziNQDwDe5KyELkBc/P598=";
    /** Empty plaintext, AAD "certificate": the tag alone. */
    private static final String EMPTY_PLAINTEXT_CIPHERTEXT = "4eelegPcCkafFT3QPh/Pcw==";

    @Test
    void encryptMatchesPythonCryptography() {
        assertThat(AesGcm.encryptToBase64(KEY, NONCE, "transaction", utf8(TRANSACTION)))
                .isEqualTo(TRANSACTION_CIPHERTEXT);
    }

    @Test
    void theSameKeyAndNonceTwiceOnOneThreadStillEncrypts() {
        // the per-thread Cipher is re-created when the JDK's GCM nonce-reuse guard refuses it
        for (int i = 0; i < 3; i++) {
            assertThat(AesGcm.encryptToBase64(KEY, NONCE, "transaction", utf8(TRANSACTION)))
                    .isEqualTo(TRANSACTION_CIPHERTEXT);
            assertThat(AesGcm.decryptFromBase64(KEY, NONCE, "transaction", TRANSACTION_CIPHERTEXT))
                    .isEqualTo(utf8(TRANSACTION));
        }
    }

    @Test
    void decryptsPythonCiphertext() {
        assertThat(AesGcm.decryptFromBase64(KEY, NONCE, "transaction", TRANSACTION_CIPHERTEXT))
                .isEqualTo(utf8(TRANSACTION));
    }

    @Test
    void emptyAssociatedDataMatchesPython() {
        assertThat(AesGcm.encryptToBase64(KEY, NONCE, "", utf8("hello paygate"))).isEqualTo(EMPTY_AAD_CIPHERTEXT);
    }

    @Test
    void nullAssociatedDataMeansEmpty() {
        assertThat(AesGcm.encryptToBase64(KEY, NONCE, null, utf8("hello paygate"))).isEqualTo(EMPTY_AAD_CIPHERTEXT);
    }

    @Test
    void decryptsWithNullAssociatedData() {
        assertThat(AesGcm.decryptFromBase64(KEY, NONCE, null, EMPTY_AAD_CIPHERTEXT)).isEqualTo(utf8("hello paygate"));
    }

    @Test
    void emptyPlaintextIsTheTagAloneAndMatchesPython() {
        assertThat(AesGcm.encryptToBase64(KEY, NONCE, "certificate", new byte[0])).isEqualTo(EMPTY_PLAINTEXT_CIPHERTEXT);
    }

    @Test
    void tamperedTagFailsWithDecryptionFailed() {
        byte[] sealed = Base64.getDecoder().decode(TRANSACTION_CIPHERTEXT);
        sealed[sealed.length - 1] ^= 0x01;
        String tampered = Base64.getEncoder().encodeToString(sealed);
        assertThatThrownBy(() -> AesGcm.decryptFromBase64(KEY, NONCE, "transaction", tampered))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("decryption failed");
    }

    @Test
    void tamperedCiphertextFails() {
        byte[] sealed = Base64.getDecoder().decode(TRANSACTION_CIPHERTEXT);
        sealed[0] ^= 0x40;
        String tampered = Base64.getEncoder().encodeToString(sealed);
        assertThatThrownBy(() -> AesGcm.decryptFromBase64(KEY, NONCE, "transaction", tampered))
                .hasMessage("decryption failed");
    }

    @Test
    void wrongAssociatedDataFails() {
        assertThatThrownBy(() -> AesGcm.decryptFromBase64(KEY, NONCE, "refund", TRANSACTION_CIPHERTEXT))
                .hasMessage("decryption failed");
    }

    @Test
    void wrongNonceFails() {
        assertThatThrownBy(() -> AesGcm.decryptFromBase64(KEY, "4xR2kP9mQw1Y", "transaction", TRANSACTION_CIPHERTEXT))
                .hasMessage("decryption failed");
    }

    @Test
    void wrongKeyFailsWithoutNamingEitherKey() {
        ApiV3Key other = ApiV3Key.of("9dGk3Pq7Lm2Xw8Rt5Yb1Zc6Vn4Hs0JfB");
        assertThatThrownBy(() -> AesGcm.decryptFromBase64(other, NONCE, "transaction", TRANSACTION_CIPHERTEXT))
                .hasMessage("decryption failed");
    }

    @Test
    void ciphertextThatIsNotBase64Fails() {
        assertThatThrownBy(() -> AesGcm.decryptFromBase64(KEY, NONCE, "transaction", "not base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("decryption failed");
    }

    @Test
    void ciphertextShorterThanTheTagFails() {
        assertThatThrownBy(() -> AesGcm.decryptFromBase64(KEY, NONCE, "transaction", "AAAAAAAAAAAAAAAAAAAA"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("decryption failed");
    }

    @Test
    void nonceOfElevenBytesIsRejected() {
        assertThatThrownBy(() -> AesGcm.encryptToBase64(KEY, "4xR2kP9mQw1", "", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12 UTF-8 bytes");
    }

    @Test
    void nonceOfTwelveCharsButMoreUtf8BytesIsRejected() {
        assertThatThrownBy(() -> AesGcm.decryptFromBase64(KEY, "随机串随机串随机串随机串", "", EMPTY_AAD_CIPHERTEXT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12 UTF-8 bytes");
    }

    @Test
    void certificateEntryFromPythonDecryptsToThePemCertificate() {
        String sealed = Kat.resource("platform-cert.gcm.b64").trim();
        byte[] pem = AesGcm.decryptFromBase64(KEY, CERT_NONCE, "certificate", sealed);
        assertThat(new String(pem, StandardCharsets.UTF_8)).isEqualTo(Kat.resource("platform-cert.pem"));
    }

    @Test
    void certificateEntryEncryptionMatchesPython() {
        byte[] pem = utf8(Kat.resource("platform-cert.pem"));
        assertThat(AesGcm.encryptToBase64(KEY, CERT_NONCE, "certificate", pem))
                .isEqualTo(Kat.resource("platform-cert.gcm.b64").trim());
    }

    @Test
    void certificatesEndpointShapeRoundTrips() {
        KeyPair pair = new KeyPair(Kat.merchantPublicKey(), Kat.merchantPrivateKey());
        X509Certificate cert = Certificates.selfSigned(pair, "Paygate Platform", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2031-01-01T00:00:00Z"), new BigInteger(Kat.PLATFORM_CERT_SERIAL, 16));
        String sealed = AesGcm.encryptToBase64(KEY, "ABCDEFabcdef", "certificate", utf8(Pem.writeCertificate(cert)));
        byte[] opened = AesGcm.decryptFromBase64(KEY, "ABCDEFabcdef", "certificate", sealed);
        assertThat(Pem.readCertificate(new String(opened, StandardCharsets.UTF_8))).isEqualTo(cert);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
