package io.paygate.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * Known-answer material shared by the tests. Every expected value here was produced outside the
 * code under test (openssl 3.0, Python {@code cryptography}); how is noted next to each one.
 */
final class Kat {

    /** A made-up merchant certificate serial (40 uppercase hex) used as the merchant key id. */
    static final String MERCHANT_SERIAL = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C";

    /** Serial of {@code kat/platform-cert.pem}: {@code openssl req -x509 -set_serial 0x4B2A...}, read back with {@code openssl x509 -serial}. */
    static final String PLATFORM_CERT_SERIAL = "4B2AF1E3C0D9B0A1C2D3E4F5061728394A5B6C7D";

    private Kat() {
    }

    /** Text of {@code src/test/resources/kat/<name>}. */
    static String resource(String name) {
        try (InputStream in = Kat.class.getResourceAsStream("/kat/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource kat/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kat/merchant-key.pem}: {@code openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048}. */
    static PrivateKey merchantPrivateKey() {
        return Pem.readPrivateKey(resource("merchant-key.pem"));
    }

    /** {@code kat/merchant-pub.pem}: {@code openssl rsa -in merchant-key.pem -pubout}. */
    static PublicKey merchantPublicKey() {
        return Pem.readPublicKey(resource("merchant-pub.pem"));
    }

    static SigningKey merchantSigningKey() {
        return SigningKey.of(MERCHANT_SERIAL, merchantPrivateKey());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
