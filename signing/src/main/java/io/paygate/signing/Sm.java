package io.paygate.signing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;

/**
 * National cryptography (商用密码) as WeChat Pay's {@code WECHATPAY2-SM2-WITH-SM3} scheme uses it:
 *
 * <ul>
 *   <li>SM2 signatures over an SM3 digest with the standard user id {@code 1234567812345678}
 *       (GB/T 32918, the default of BouncyCastle's {@code SM3withSM2} and of Tencent Kona's
 *       {@code SM2}, which the official SDK's shangmi module uses), encoded as an ASN.1 DER
 *       {@code SEQUENCE { r, s }} and then Base64 — the encoding both libraries produce and expect;
 *   <li>SM4-GCM ({@code AEAD_SM4_GCM}) with a 128-bit key made from the merchant's APIv3 key as the
 *       official SDK does: the first 16 bytes of SM3(APIv3 key).
 * </ul>
 *
 * BouncyCastle is used as a provider object passed to each call; it is never registered globally.
 */
public final class Sm {

    /** The provider instance for SM2/SM3/SM4 (not installed in {@code java.security.Security}). */
    static final Provider BC = new BouncyCastleProvider();
    /** The curve's field prime (GB/T 32918.5 sm2p256v1), to recognise SM2 keys among EC keys. */
    private static final BigInteger SM2_P =
            new BigInteger("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF", 16);
    /** The SM2 signature algorithm: SM3 digest, default user id, DER-encoded (r, s). */
    static final String SM2_SIGNATURE = "SM3withSM2";

    private Sm() {
    }

    /** This thread's SM2 signer, kept initialised for the key it signed with last. */
    private static final class CachedSigner {
        PrivateKey key;
        SM2Signer signer;
    }

    private static final ThreadLocal<CachedSigner> SIGNER = ThreadLocal.withInitial(CachedSigner::new);

    /**
     * An SM2 signature (SM3 digest, default user id, DER (r, s)), as the JCA {@code SM3withSM2} makes
     * it. Initialising an SM2 signer derives the public point from the private key (a scalar
     * multiplication as costly as the signature) to compute the user-id digest Z; the platform key
     * signs every answer, so each thread keeps its signer initialised for the key it used last.
     */
    static byte[] sign(PrivateKey key, byte[] message) throws GeneralSecurityException {
        CachedSigner c = SIGNER.get();
        if (c.key != key) {
            SM2Signer signer = new SM2Signer();
            signer.init(true, new ParametersWithRandom(ECUtil.generatePrivateKeyParameter(key), new SecureRandom()));
            c.key = key;
            c.signer = signer;
        }
        c.signer.update(message, 0, message.length);
        try {
            return c.signer.generateSignature(); // resets the signer to Z, ready for the next message
        } catch (CryptoException e) {
            c.key = null;
            throw new SignatureException("SM2 signing failed", e);
        }
    }

    /** Whether {@code key} is an SM2 (sm2p256v1) key. */
    public static boolean isSm2(Key key) {
        if (!(key instanceof ECKey ec) || ec.getParams() == null) {
            return false;
        }
        return ec.getParams().getCurve().getField() instanceof ECFieldFp fp && fp.getP().equals(SM2_P);
    }

    /** A fresh SM2 key pair. */
    public static KeyPair generateSm2(SecureRandom rnd) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
            g.initialize(new ECGenParameterSpec("sm2p256v1"), rnd);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an SM2 key pair", e);
        }
    }

    /** The public key of an SM2 private key (d·G). */
    public static PublicKey publicKeyOf(PrivateKey sm2PrivateKey) {
        if (!(sm2PrivateKey instanceof ECPrivateKey bc) || !isSm2(sm2PrivateKey)) {
            throw new IllegalArgumentException("not an SM2 private key");
        }
        try {
            ECParameterSpec params = bc.getParameters();
            return KeyFactory.getInstance("EC", BC)
                    .generatePublic(new ECPublicKeySpec(params.getG().multiply(bc.getD()).normalize(), params));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("SM2 public key cannot be derived (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** SM3 digest. */
    public static byte[] sm3(byte[] data) {
        try {
            return MessageDigest.getInstance("SM3", BC).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM3 is unavailable", e);
        }
    }

    /** The SM4 key of AEAD_SM4_GCM: the first 128 bits of SM3(APIv3 key). */
    static byte[] sm4Key(ApiV3Key key) {
        Objects.requireNonNull(key, "key");
        byte[] digest = sm3(key.bytes());
        byte[] k = Arrays.copyOf(digest, 16);
        Arrays.fill(digest, (byte) 0);
        return k;
    }
}
