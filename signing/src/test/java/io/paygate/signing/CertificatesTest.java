package io.paygate.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Self-signed platform certificates. The openssl-made {@code kat/platform-cert.pem} gives an
 * independent serial and validity; the key pair is the committed test key, so no key is generated.
 */
class CertificatesTest {

    private static final Instant NOT_BEFORE = Instant.parse("2026-11-22T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2031-11-22T00:00:00Z");
    private static final BigInteger SERIAL = new BigInteger("4B2AF1E3C0D9B0A1C2D3E4F5061728394A5B6C7D", 16);

    private static KeyPair pair;
    private static X509Certificate cert;

    @BeforeAll
    static void build() {
        pair = new KeyPair(Kat.merchantPublicKey(), Kat.merchantPrivateKey());
        cert = Certificates.selfSigned(pair, "Paygate Test Platform", NOT_BEFORE, NOT_AFTER, SERIAL);
    }

    @Test
    void serialHexOfOpensslCertificateIsItsUppercaseSerial() {
        X509Certificate openssl = Pem.readCertificate(Kat.resource("platform-cert.pem"));
        assertThat(Certificates.serialHex(openssl)).isEqualTo(Kat.PLATFORM_CERT_SERIAL);
    }

    @Test
    void opensslCertificateValidityIsWhatOpensslReported() {
        X509Certificate openssl = Pem.readCertificate(Kat.resource("platform-cert.pem"));
        assertThat(openssl.getNotBefore().toInstant()).isEqualTo(Instant.parse("2026-11-23T18:43:42Z"));
        assertThat(openssl.getNotAfter().toInstant()).isEqualTo(Instant.parse("2036-11-20T18:43:42Z"));
    }

    @Test
    void selfSignedSerialHexIsFortyUppercaseHex() {
        assertThat(Certificates.serialHex(cert)).isEqualTo("4B2AF1E3C0D9B0A1C2D3E4F5061728394A5B6C7D");
    }

    @Test
    void selfSignedVerifiesWithItsOwnPublicKey() {
        assertThatCode(() -> cert.verify(pair.getPublic())).doesNotThrowAnyException();
    }

    @Test
    void selfSignedDoesNotVerifyWithAnotherKey() throws Exception {
        BigInteger modulus = ((RSAPublicKey) pair.getPublic()).getModulus();
        PublicKey other = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, BigInteger.valueOf(3)));
        assertThatThrownBy(() -> cert.verify(other)).isInstanceOf(SignatureException.class);
    }

    @Test
    void selfSignedUsesSha256WithRsa() {
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withRSA");
    }

    @Test
    void selfSignedValidityDatesMatch() {
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOT_BEFORE);
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOT_AFTER);
    }

    @Test
    void selfSignedValidityIsEnforcedByTheJdk() {
        assertThatThrownBy(() -> cert.checkValidity(Date.from(NOT_AFTER.plusSeconds(1))))
                .isInstanceOf(java.security.cert.CertificateExpiredException.class);
    }

    @Test
    void selfSignedSubjectAndIssuerAreTheCommonName() {
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=Paygate Test Platform");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    }

    @Test
    void selfSignedIsNotACa() {
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void selfSignedCarriesThePublicKey() {
        assertThat(cert.getPublicKey()).isEqualTo(pair.getPublic());
    }

    @Test
    void commonNameIsEscapedNotParsed() {
        X509Certificate tricky = Certificates.selfSigned(pair, "a,O=Evil", NOT_BEFORE, NOT_AFTER, BigInteger.TEN);
        assertThat(tricky.getSubjectX500Principal().getName()).isEqualTo("CN=a\\,O\\=Evil");
    }

    @Test
    void subSecondPartsOfTheValidityAreDropped() {
        X509Certificate c = Certificates.selfSigned(pair, "x", NOT_BEFORE.plusMillis(999), NOT_AFTER, BigInteger.ONE);
        assertThat(c.getNotBefore().toInstant()).isEqualTo(NOT_BEFORE);
    }

    @Test
    void serialHexDoesNotPadSmallSerials() {
        X509Certificate c = Certificates.selfSigned(pair, "x", NOT_BEFORE, NOT_AFTER, BigInteger.valueOf(0x0ABC));
        assertThat(Certificates.serialHex(c)).isEqualTo("ABC");
    }

    @Test
    void randomSerialsAreFortyHexCharsWithin20DerOctets() throws Exception {
        SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
        seeded.setSeed(20261123L);
        Set<Character> topNibbles = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            BigInteger serial = Certificates.randomSerial(seeded);
            String hex = serial.toString(16).toUpperCase(java.util.Locale.ROOT);
            assertThat(serial.signum()).isPositive();
            assertThat(hex).hasSize(40).matches("[0-9A-F]{40}");
            assertThat(serial.toByteArray()).hasSizeLessThanOrEqualTo(20);
            topNibbles.add(hex.charAt(0));
        }
        assertThat(topNibbles).containsExactlyInAnyOrder('1', '2', '3', '4', '5', '6', '7');
    }

    @Test
    void randomSerialWorksInACertificate() {
        BigInteger serial = Certificates.randomSerial(new SecureRandom());
        X509Certificate c = Certificates.selfSigned(pair, "x", NOT_BEFORE, NOT_AFTER, serial);
        assertThat(Certificates.serialHex(c)).matches("[0-9A-F]{40}");
    }

    @Test
    void rejectsReversedValidity() {
        assertThatThrownBy(() -> Certificates.selfSigned(pair, "x", NOT_AFTER, NOT_BEFORE, BigInteger.ONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsZeroSerial() {
        assertThatThrownBy(() -> Certificates.selfSigned(pair, "x", NOT_BEFORE, NOT_AFTER, BigInteger.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsSerialOver160Bits() {
        assertThatThrownBy(() -> Certificates.selfSigned(pair, "x", NOT_BEFORE, NOT_AFTER, BigInteger.ONE.shiftLeft(160)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsBlankCommonName() {
        assertThatThrownBy(() -> Certificates.selfSigned(pair, " ", NOT_BEFORE, NOT_AFTER, BigInteger.ONE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
