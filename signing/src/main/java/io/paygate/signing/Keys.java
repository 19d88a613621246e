package io.paygate.signing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Objects;

/** RSA key pairs as WeChat Pay uses them: 2048 bits, public exponent 65537. */
public final class Keys {

    public static final int RSA_BITS = 2048;

    private Keys() {
    }

    /** A fresh RSA-2048 key pair with public exponent 65537. Takes tens to hundreds of milliseconds. */
    public static KeyPair generateRsa2048(SecureRandom rnd) {
        Objects.requireNonNull(rnd, "rnd");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(RSA_BITS, RSAKeyGenParameterSpec.F4), rnd);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate RSA-2048 keys", e);
        }
    }

    /**
     * Derives the RSA public key from a private key in CRT form, which is what PKCS#8 and PKCS#1
     * PEM files hold, so that a single key file is enough to configure both halves.
     *
     * @throws IllegalArgumentException if the key is not an {@link RSAPrivateCrtKey} carrying its
     *     public exponent
     */
    public static PublicKey publicKeyOf(PrivateKey rsaPrivateCrtKey) {
        if (Sm.isSm2(rsaPrivateCrtKey)) {
            return Sm.publicKeyOf(rsaPrivateCrtKey);
        }
        Objects.requireNonNull(rsaPrivateCrtKey, "rsaPrivateCrtKey");
        if (!(rsaPrivateCrtKey instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("not an RSA private key in CRT form");
        }
        BigInteger exponent = crt.getPublicExponent();
        if (exponent == null || exponent.signum() <= 0) {
            throw new IllegalArgumentException("RSA private key does not carry its public exponent");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), exponent));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("RSA public key cannot be derived (" + e.getClass().getSimpleName() + ")");
        }
    }
}
