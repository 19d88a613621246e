package io.paygate.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPrivateKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One RSA key generation for the whole class. */
class KeysTest {

    private static KeyPair generated;

    @BeforeAll
    static void generate() {
        generated = Keys.generateRsa2048(new SecureRandom());
    }

    @Test
    void generatedModulusHas2048Bits() {
        assertThat(((RSAPublicKey) generated.getPublic()).getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void generatedPublicExponentIs65537() {
        assertThat(((RSAPublicKey) generated.getPublic()).getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
    }

    @Test
    void generatedPrivateKeyIsInCrtForm() {
        assertThat(generated.getPrivate()).isInstanceOf(RSAPrivateCrtKey.class);
    }

    @Test
    void generatedPairSignsAndVerifies() {
        byte[] message = ApiV3Signatures.responseMessage("1", "n", new byte[0]);
        String signature = ApiV3Signatures.sign(SigningKey.of("K", generated.getPrivate()), message);
        assertThat(ApiV3Signatures.verify(generated.getPublic(), message, signature)).isTrue();
    }

    @Test
    void publicKeyOfGeneratedPrivateKeyIsItsPublicKey() {
        assertThat(Keys.publicKeyOf(generated.getPrivate())).isEqualTo(generated.getPublic());
    }

    @Test
    void publicKeyOfTestKeyEqualsOpensslPubout() {
        assertThat(Keys.publicKeyOf(Kat.merchantPrivateKey())).isEqualTo(Kat.merchantPublicKey());
    }

    @Test
    void publicKeyOfRejectsANonCrtRsaKey() throws Exception {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) Kat.merchantPrivateKey();
        PrivateKey bare = KeyFactory.getInstance("RSA")
                .generatePrivate(new RSAPrivateKeySpec(crt.getModulus(), crt.getPrivateExponent()));
        assertThatThrownBy(() -> Keys.publicKeyOf(bare)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publicKeyOfRejectsAnEcKey() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        PrivateKey ecKey = ec.generateKeyPair().getPrivate();
        assertThatThrownBy(() -> Keys.publicKeyOf(ecKey)).isInstanceOf(IllegalArgumentException.class);
    }
}
