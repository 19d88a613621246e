package io.paygate.signing;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;

/**
 * RSA signing through Conscrypt (BoringSSL) when its native library loads here, else through the
 * JDK. An RSA-2048 signature is about 80% of an APIv3 request's CPU, and BoringSSL signs about 1.7x
 * as many per second as the JDK's SunRsaSign on the same core (bench/README.md, "RSA signing").
 * PKCS#1 v1.5 signatures are deterministic, so both give the same bytes for the same key and
 * message; verification stays with the JDK (it is 30x cheaper than signing).
 *
 * <p>{@code -Dpaygate.rsa.provider=jdk} forces the JDK. A key is translated into Conscrypt's own
 * form once ({@link SigningKey} keeps it): handing it a JDK key makes it convert the key on every
 * signature, which is slower than the JDK.
 */
final class FastRsa {

    private static final Provider PROVIDER = load();
    private static final ThreadLocal<Signature> SIGNER = ThreadLocal.withInitial(FastRsa::newSigner);

    private FastRsa() {
    }

    private static Provider load() {
        if ("jdk".equals(System.getProperty("paygate.rsa.provider"))) {
            return null;
        }
        try {
            Provider p = org.conscrypt.Conscrypt.newProvider();
            // prove the native library works on this machine before relying on it
            Signature.getInstance("SHA256withRSA", p);
            return p;
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: no native library here
            return null;
        }
    }

    /** Who signs RSA here: "Conscrypt (BoringSSL)" or "JDK (SunRsaSign)". */
    static String implementation() {
        if (PROVIDER == null) {
            return "JDK (SunRsaSign)";
        }
        org.conscrypt.Conscrypt.Version v = org.conscrypt.Conscrypt.version();
        return "Conscrypt " + v.major() + "." + v.minor() + "." + v.patch() + " (BoringSSL)";
    }

    static boolean available() {
        return PROVIDER != null;
    }

    /** This thread's Conscrypt SHA256withRSA signer; only when {@link #available()}. */
    static Signature signer() {
        return SIGNER.get();
    }

    /** {@code key} in Conscrypt's form, or null when Conscrypt is not here or the key is not RSA. */
    static PrivateKey translate(PrivateKey key) {
        if (PROVIDER == null || !(key instanceof RSAPrivateKey)) {
            return null;
        }
        try {
            Key k = KeyFactory.getInstance("RSA", PROVIDER).translateKey(key);
            return k instanceof PrivateKey p ? p : null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null; // the JDK signs with the key as it is
        }
    }

    private static Signature newSigner() {
        try {
            return Signature.getInstance("SHA256withRSA", PROVIDER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA256withRSA in " + PROVIDER, e);
        }
    }
}
