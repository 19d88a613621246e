package io.paygate.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tencent.kona.crypto.KonaCryptoProvider;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * National crypto: SM3 and SM4-GCM known answers computed with OpenSSL (Python {@code cryptography}),
 * SM2 signatures cross-checked against Tencent Kona — the provider the official SDK's shangmi module
 * uses — in both directions, so Paygate and the SDK's conventions (DER-encoded (r, s), the default
 * user id 1234567812345678, SM4 key = first 16 bytes of SM3(APIv3 key)) agree.
 */
class SmTest {

    static final Provider KONA = new KonaCryptoProvider();
    static KeyPair pair;

    @BeforeAll
    static void keys() {
        pair = Sm.generateSm2(new SecureRandom());
        if (Security.getProvider(KONA.getName()) == null) {
            Security.addProvider(KONA); // Kona looks itself up by name; test JVM only (Paygate never installs providers)
        }
    }

    @Test
    void sm3KnownAnswerFromGmT0004() {
        // GM/T 0004-2012 example 1, also what OpenSSL computes for "abc"
        assertThat(HexFormat.of().formatHex(Sm.sm3("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void sm4GcmKnownAnswerComputedWithOpenSsl() {
        ApiV3Key key = ApiV3Key.of("0123456789abcdef0123456789abcdef");
        byte[] plaintext = "{\"out_trade_no\":\"金色\",\"total\":1}".getBytes(StandardCharsets.UTF_8);
        String expected = "odN5H5CV5XC92axBVWD0KsOY8XX080aeCyI6KXEUan+YfGnuqZZ5qvPy7mP9xwKDdi5q";
        assertThat(AesGcm.encryptToBase64(AesGcm.Algorithm.SM4_GCM, key, "0123456789ab", "transaction", plaintext))
                .isEqualTo(expected);
        assertThat(AesGcm.decryptFromBase64(AesGcm.Algorithm.SM4_GCM, key, "0123456789ab", "transaction", expected))
                .isEqualTo(plaintext);
        assertThatThrownBy(() -> AesGcm.decryptFromBase64(AesGcm.Algorithm.SM4_GCM, key, "0123456789ab", "refund",
                expected)).isInstanceOf(IllegalArgumentException.class).hasMessage("decryption failed");
        // the same bytes are not an AES resource
        assertThatThrownBy(() -> AesGcm.decryptFromBase64(key, "0123456789ab", "transaction", expected))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void paygateSm2SignaturesVerifyWithKona() throws Exception {
        byte[] message = ApiV3Signatures.responseMessage("1554208460", "593BEC0C930BF1AFEB40B4A08C8FB242",
                "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=abc\"}".getBytes(StandardCharsets.UTF_8));
        String signature = ApiV3Signatures.sign(SigningKey.of("SM2SERIAL01", pair.getPrivate()), message);
        PublicKey konaKey = KeyFactory.getInstance("EC", KONA).generatePublic(
                new X509EncodedKeySpec(pair.getPublic().getEncoded()));
        Signature v = Signature.getInstance("SM2", KONA);
        v.initVerify(konaKey);
        v.update(message);
        assertThat(v.verify(Base64.getDecoder().decode(signature))).isTrue();
    }

    @Test
    void konaSm2SignaturesVerifyWithPaygate() throws Exception {
        byte[] message = ApiV3Signatures.requestMessage("POST", "/v3/pay/transactions/native", "1554208460",
                "593BEC0C930BF1AFEB40B4A08C8FB242", "{}".getBytes(StandardCharsets.UTF_8), 0, 2);
        PrivateKey konaKey = KeyFactory.getInstance("EC", KONA).generatePrivate(
                new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded()));
        Signature s = Signature.getInstance("SM2", KONA);
        s.initSign(konaKey);
        s.update(message);
        String signature = Base64.getEncoder().encodeToString(s.sign());
        assertThat(ApiV3Signatures.verify(pair.getPublic(), message, signature)).isTrue();
        byte[] tampered = message.clone();
        tampered[0] ^= 1;
        assertThat(ApiV3Signatures.verify(pair.getPublic(), tampered, signature)).isFalse();
    }

    @Test
    void sm2KeysRoundTripThroughPemAndAreRecognised() {
        PrivateKey read = Pem.readPrivateKey(Pem.writePrivateKey(pair.getPrivate()));
        PublicKey pub = Pem.readPublicKey(Pem.writePublicKey(pair.getPublic()));
        assertThat(Sm.isSm2(read)).isTrue();
        assertThat(Sm.isSm2(pub)).isTrue();
        assertThat(Keys.publicKeyOf(read).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(Pem.publicKeyFromDer(pair.getPublic().getEncoded()).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(ApiV3Signatures.schemaOf(SigningKey.of("K", read))).isEqualTo(AuthorizationHeader.SCHEMA_SM2_WITH_SM3);
        assertThat(ApiV3Signatures.keyMatchesSchema(pub, AuthorizationHeader.SCHEMA_SM2_WITH_SM3)).isTrue();
        assertThat(ApiV3Signatures.keyMatchesSchema(pub, AuthorizationHeader.SCHEMA_SHA256_RSA2048)).isFalse();
    }

    @Test
    void sm2CertificateIsSelfSignedWithSm3WithSm2() throws Exception {
        X509Certificate cert = Certificates.selfSigned(pair, "Paygate SM2 platform", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2031-01-01T00:00:00Z"), new BigInteger("4B2AF1E3C0D9B0A1C2D3E4F5061728394A5B6C7D", 16));
        assertThat(cert.getSigAlgOID()).as("SM3withSM2").isEqualTo("1.2.156.10197.1.501");
        Signature check = Signature.getInstance(Sm.SM2_SIGNATURE, Sm.BC);
        check.initVerify(cert.getPublicKey());
        check.update(cert.getTBSCertificate());
        assertThat(check.verify(cert.getSignature())).as("self-signature").isTrue();
        X509Certificate reread = Pem.readCertificate(Pem.writeCertificate(cert));
        assertThat(Sm.isSm2(reread.getPublicKey())).isTrue();
        assertThat(Certificates.serialHex(reread)).isEqualTo("4B2AF1E3C0D9B0A1C2D3E4F5061728394A5B6C7D");
    }

    @Test
    void authorizationHeaderOfAnSm2KeyUsesTheSm2Schema() {
        String header = ApiV3Signatures.authorization("1900000001", SigningKey.of("SM2SERIAL01", pair.getPrivate()), "GET",
                "/v3/certificates?algorithm_type=SM2", new byte[0], "1554208460", "nonce");
        AuthorizationHeader h = AuthorizationHeader.parse(header);
        assertThat(h.schema()).isEqualTo("WECHATPAY2-SM2-WITH-SM3");
        byte[] message = ApiV3Signatures.requestMessage("GET", "/v3/certificates?algorithm_type=SM2", "1554208460",
                "nonce", new byte[0], 0, 0);
        assertThat(ApiV3Signatures.verify(pair.getPublic(), message, h.signature())).isTrue();
    }
}
