package io.paygate.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PEM reading and writing. The committed files were written by openssl ({@code genpkey},
 * {@code rsa -traditional}, {@code rsa -pubout}, {@code req -x509}), so writing back what was read
 * must reproduce them byte for byte.
 */
class PemTest {

    private static final String PKCS8 = Kat.resource("merchant-key.pem");
    private static final String PKCS1 = Kat.resource("merchant-key-pkcs1.pem");
    private static final String SPKI = Kat.resource("merchant-pub.pem");
    private static final String CERT = Kat.resource("platform-cert.pem");

    @Test
    void pkcs8KeyDecodesToTheSameBytesAsThePlainJdk() throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(PKCS8.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey jdk = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        assertThat(Pem.readPrivateKey(PKCS8).getEncoded()).isEqualTo(jdk.getEncoded());
    }

    @Test
    void pkcs1KeyIsTheSameKeyAsPkcs8() {
        assertThat(Pem.readPrivateKey(PKCS1).getEncoded()).isEqualTo(Pem.readPrivateKey(PKCS8).getEncoded());
    }

    @Test
    void privateKeyIsRsaInCrtForm() {
        assertThat(Pem.readPrivateKey(PKCS8)).isInstanceOf(RSAPrivateCrtKey.class);
    }

    @Test
    void writePrivateKeyReproducesOpensslPkcs8() {
        assertThat(Pem.writePrivateKey(Pem.readPrivateKey(PKCS8))).isEqualTo(PKCS8);
    }

    @Test
    void pkcs1ConvertsToOpensslPkcs8() {
        assertThat(Pem.writePrivateKey(Pem.readPrivateKey(PKCS1))).isEqualTo(PKCS8);
    }

    @Test
    void writePublicKeyReproducesOpensslPubout() {
        assertThat(Pem.writePublicKey(Pem.readPublicKey(SPKI))).isEqualTo(SPKI);
    }

    @Test
    void writeCertificateReproducesOpensslCertificate() {
        assertThat(Pem.writeCertificate(Pem.readCertificate(CERT))).isEqualTo(CERT);
    }

    @Test
    void writtenPemHas64CharacterLines() {
        String[] lines = Pem.writePrivateKey(Pem.readPrivateKey(PKCS8)).split("\n");
        String[] body = Arrays.copyOfRange(lines, 1, lines.length - 1);
        assertThat(Arrays.copyOf(body, body.length - 1)).allSatisfy(line -> assertThat(line).hasSize(64));
        assertThat(body[body.length - 1].length()).isBetween(1, 64);
    }

    @Test
    void readsACertificateChainsFirstCertificate() {
        X509Certificate first = Pem.readCertificate(CERT + CERT.replace("MIID", "XXXX"));
        assertThat(Certificates.serialHex(first)).isEqualTo(Kat.PLATFORM_CERT_SERIAL);
    }

    @Test
    void ignoresTextBeforeTheBlockAndCrlfLineEnds() {
        String withJunk = "Bag Attributes\r\n    localKeyID: 01 00 00 00\r\n" + PKCS8.replace("\n", "\r\n");
        assertThat(Pem.readPrivateKey(withJunk).getEncoded()).isEqualTo(Pem.readPrivateKey(PKCS8).getEncoded());
    }

    @Test
    void readsAPrivateKeyAfterAnotherBlock() {
        assertThat(Pem.readPrivateKey(CERT + PKCS8).getEncoded()).isEqualTo(Pem.readPrivateKey(PKCS8).getEncoded());
    }

    @Test
    void rsaPublicKeyFromDerRoundTrips() {
        PublicKey key = Pem.readPublicKey(SPKI);
        assertThat(Pem.rsaPublicKeyFromDer(key.getEncoded())).isEqualTo(key);
    }

    @Test
    void rsaPublicKeyFromDerRejectsGarbage() {
        assertThatThrownBy(() -> Pem.rsaPublicKeyFromDer(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rsaPublicKeyFromDerRejectsAnEcKey() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] ecSpki = ec.generateKeyPair().getPublic().getEncoded();
        assertThatThrownBy(() -> Pem.rsaPublicKeyFromDer(ecSpki)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ecPrivateKeyRoundTripsThroughPkcs8() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        PrivateKey key = ec.generateKeyPair().getPrivate();
        // EC keys are read through BouncyCastle, whose PKCS#8 encoding may differ from the JDK's: compare the scalar
        assertThat(((java.security.interfaces.ECPrivateKey) Pem.readPrivateKey(Pem.writePrivateKey(key))).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) key).getS());
    }

    /** A distinctive chunk of the key body: no error message may contain it. */
    private static final String KEY_FRAGMENT = PKCS8.split("\n")[5];

    static Stream<Arguments> badPrivateKeys() {
        String body = PKCS8.substring(PKCS8.indexOf('\n') + 1, PKCS8.indexOf("-----END"));
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("plain text", "hello " + KEY_FRAGMENT),
                Arguments.of("bare base64 without armour", body),
                Arguments.of("public key instead", SPKI),
                Arguments.of("certificate instead", CERT),
                Arguments.of("no END line", PKCS8.substring(0, PKCS8.indexOf("-----END"))),
                Arguments.of("bad base64", PKCS8.replace(KEY_FRAGMENT, KEY_FRAGMENT.substring(0, 60) + "!!!!")),
                Arguments.of("truncated DER", PKCS8.replace(body, body.substring(0, 400) + "\n")),
                Arguments.of("empty body", "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n"),
                Arguments.of("PKCS#1 body under a PKCS#8 label", PKCS1.replace("RSA PRIVATE KEY", "PRIVATE KEY")),
                Arguments.of("PKCS#8 body under a PKCS#1 label", PKCS8.replace("PRIVATE KEY", "RSA PRIVATE KEY")),
                Arguments.of("encrypted PKCS#1", PKCS1.replace("-----\n", "-----\nProc-Type: 4,ENCRYPTED\n"
                        + "DEK-Info: AES-256-CBC,0123456789ABCDEF0123456789ABCDEF\n\n")),
                Arguments.of("encrypted PKCS#8", PKCS8.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badPrivateKeys")
    void readPrivateKeyRejectsWithoutEchoingInput(String why, String pem) {
        assertThatThrownBy(() -> Pem.readPrivateKey(pem))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasNoCause()
                .message().doesNotContain(KEY_FRAGMENT).doesNotContain(KEY_FRAGMENT.substring(0, 16));
    }

    @Test
    void encryptedPkcs8IsNamedInTheMessage() {
        assertThatThrownBy(() -> Pem.readPrivateKey(PKCS8.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY")))
                .hasMessageContaining("encrypted");
    }

    @Test
    void readPrivateKeyRejectsNull() {
        assertThatThrownBy(() -> Pem.readPrivateKey(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readPrivateKeyRejectsOversizeInput() {
        String huge = "x".repeat(Pem.PEM_CHARS_MAX) + PKCS8;
        assertThatThrownBy(() -> Pem.readPrivateKey(huge)).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> badPublicKeys() {
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("private key instead", PKCS8),
                Arguments.of("truncated DER", SPKI.replace("YQIDAQAB\n", "")),
                Arguments.of("bad base64", SPKI.replace("YQIDAQAB", "YQID*QAB")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badPublicKeys")
    void readPublicKeyRejects(String why, String pem) {
        assertThatThrownBy(() -> Pem.readPublicKey(pem))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasNoCause()
                .message().doesNotContain(KEY_FRAGMENT);
    }

    static Stream<Arguments> badCertificates() {
        String[] lines = CERT.split("\n");
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("private key instead", PKCS8),
                Arguments.of("truncated DER", CERT.replace(lines[3] + "\n", "")),
                Arguments.of("garbage body", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badCertificates")
    void readCertificateRejects(String why, String pem) {
        assertThatThrownBy(() -> Pem.readCertificate(pem))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasNoCause()
                .message().doesNotContain(KEY_FRAGMENT);
    }
}
