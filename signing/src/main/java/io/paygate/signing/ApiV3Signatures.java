package io.paygate.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Objects;

/**
 * APIv3 signatures: SHA256withRSA (RSASSA-PKCS1-v1_5), Base64-encoded, over the messages of
 * reference §1.1 (requests) and §1.3/§4 (responses and notifications).
 *
 * <p>Messages are built over raw bytes: the body is copied verbatim, never decoded and re-encoded,
 * because the signer signed the bytes it sent. The text parts (method, URL, timestamp, nonce) are
 * encoded as UTF-8, as the SDKs do; they are ASCII in practice. A text part containing a line feed
 * is rejected, since it would let one message be re-split into different fields.
 */
public final class ApiV3Signatures {

    /** Longest Base64 signature {@link #verify} will decode; RSA-2048 needs 344 characters. */
    private static final int SIGNATURE_BASE64_CHARS_MAX = 1024;

    /** Largest message that fits in a Java array with headroom. */
    private static final int MESSAGE_BYTES_MAX = Integer.MAX_VALUE - 16;

    private ApiV3Signatures() {
    }

    /**
     * {@code METHOD\nCANONICAL_URL\nTIMESTAMP\nNONCE\nBODY\n}, where BODY is
     * {@code body[bodyOffset, bodyOffset + bodyLength)}. A null body is allowed when the range is empty.
     *
     * @param canonicalUrl the raw path plus {@code ?} and the raw query if there is one, exactly as sent
     * @throws IllegalArgumentException if a text part contains a line feed
     * @throws IndexOutOfBoundsException if the body range is out of bounds
     */
    public static byte[] requestMessage(String method, String canonicalUrl, String timestamp, String nonce,
            byte[] body, int bodyOffset, int bodyLength) {
        byte[] m = text(method, "method");
        byte[] u = text(canonicalUrl, "canonicalUrl");
        byte[] t = text(timestamp, "timestamp");
        byte[] n = text(nonce, "nonce");
        if (body == null) {
            Objects.checkFromIndexSize(bodyOffset, bodyLength, 0);
        } else {
            Objects.checkFromIndexSize(bodyOffset, bodyLength, body.length);
        }
        long total = (long) m.length + u.length + t.length + n.length + bodyLength + 5;
        if (total > MESSAGE_BYTES_MAX) {
            throw new IllegalArgumentException("request message would exceed " + MESSAGE_BYTES_MAX + " bytes");
        }
        byte[] out = new byte[(int) total];
        int at = line(out, 0, m, 0, m.length);
        at = line(out, at, u, 0, u.length);
        at = line(out, at, t, 0, t.length);
        at = line(out, at, n, 0, n.length);
        line(out, at, body, bodyOffset, bodyLength);
        return out;
    }

    /**
     * {@code TIMESTAMP\nNONCE\nBODY\n}; for an empty (or null) body, {@code TIMESTAMP\nNONCE\n\n}.
     *
     * @throws IllegalArgumentException if the timestamp or nonce contains a line feed
     */
    public static byte[] responseMessage(String timestamp, String nonce, byte[] body) {
        byte[] t = text(timestamp, "timestamp");
        byte[] n = text(nonce, "nonce");
        int bodyLength = body == null ? 0 : body.length;
        long total = (long) t.length + n.length + bodyLength + 3;
        if (total > MESSAGE_BYTES_MAX) {
            throw new IllegalArgumentException("response message would exceed " + MESSAGE_BYTES_MAX + " bytes");
        }
        byte[] out = new byte[(int) total];
        int at = line(out, 0, t, 0, t.length);
        at = line(out, at, n, 0, n.length);
        line(out, at, body, 0, bodyLength);
        return out;
    }

    /**
     * Base64 of SHA256withRSA (PKCS#1 v1.5) over {@code message}. Deterministic for a given key and message.
     *
     * @throws IllegalArgumentException if the key is not an RSA private key
     */
    public static String sign(SigningKey key, byte[] message) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        boolean sm2 = Sm.isSm2(key.privateKey());
        String algorithm = sm2 ? Sm.SM2_SIGNATURE : "SHA256withRSA";
        try {
            if (sm2) {
                return Base64.getEncoder().encodeToString(Sm.sign(key.privateKey(), message));
            }
            PrivateKey fast = key.fastKey();
            Signature signer = fast != null ? FastRsa.signer() : signature(algorithm);
            signer.initSign(fast != null ? fast : key.privateKey());
            signer.update(message);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("signing key " + key.keyId() + " cannot sign " + algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " signing failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * One JCA signature object per thread and algorithm, re-initialised for every use: looking one up
     * costs more than an SM2 signature itself (BouncyCastle's SM2 5x slower per call without reuse,
     * bench/RESULTS.md).
     */
    private static final ThreadLocal<Signature> RSA = ThreadLocal.withInitial(() -> newSignature("SHA256withRSA"));
    private static final ThreadLocal<Signature> SM2 = ThreadLocal.withInitial(() -> newSignature(Sm.SM2_SIGNATURE));

    private static Signature newSignature(String algorithm) {
        try {
            // RSA from the JDK's own provider (a provider-less instance binds to whichever provider its
            // first key chose and refuses other keys after that); SM2 from BouncyCastle, passed as a
            // provider object (never registered)
            return Sm.SM2_SIGNATURE.equals(algorithm) ? Signature.getInstance(algorithm, Sm.BC)
                    : Signature.getInstance(algorithm, "SunRsaSign");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no " + algorithm + " signature", e);
        }
    }

    /** This thread's signature object for RSA or SM2. */
    private static Signature signature(String algorithm) {
        return Sm.SM2_SIGNATURE.equals(algorithm) ? SM2.get() : RSA.get();
    }

    /** Who signs RSA in this process (Conscrypt when its native library loads, else the JDK), for the start-up log. */
    public static String rsaImplementation() {
        return FastRsa.implementation();
    }

    /** The Authorization schema that goes with a key: SM2 keys sign {@code WECHATPAY2-SM2-WITH-SM3}. */
    public static String schemaOf(SigningKey key) {
        return Sm.isSm2(key.privateKey()) ? AuthorizationHeader.SCHEMA_SM2_WITH_SM3
                : AuthorizationHeader.SCHEMA_SHA256_RSA2048;
    }

    /** Whether a public key verifies the given Authorization schema (RSA keys RSA, SM2 keys SM2). */
    public static boolean keyMatchesSchema(PublicKey key, String schema) {
        return Sm.isSm2(key) ? AuthorizationHeader.SCHEMA_SM2_WITH_SM3.equals(schema)
                : AuthorizationHeader.SCHEMA_SHA256_RSA2048.equals(schema);
    }

    /**
     * Checks a Base64 SHA256withRSA signature. Returns false, never throws, for a signature that is
     * null, not Base64, the wrong length for the key, or simply wrong.
     *
     * @throws IllegalArgumentException if the key is not an RSA public key (a configuration bug)
     */
    public static boolean verify(PublicKey key, byte[] message, String signatureBase64) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        if (signatureBase64 == null || signatureBase64.isEmpty()
                || signatureBase64.length() > SIGNATURE_BASE64_CHARS_MAX) {
            return false;
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (key instanceof RSAPublicKey rsa && signature.length != (rsa.getModulus().bitLength() + 7) / 8) {
            return false;
        }
        String algorithm = Sm.isSm2(key) ? Sm.SM2_SIGNATURE : "SHA256withRSA";
        try {
            Signature verifier = signature(algorithm);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("verification key cannot verify " + algorithm);
        } catch (SignatureException e) {
            return false;
        }
    }

    /**
     * The full {@code Authorization} header value a merchant SDK would send, pairs in wechatpay-java's
     * order: {@code WECHATPAY2-SHA256-RSA2048 mchid="..",nonce_str="..",timestamp="..",serial_no="..",signature=".."}.
     * {@code merchantKey.keyId()} is the merchant certificate serial. For tests and the load generator.
     */
    public static String authorization(String mchid, SigningKey merchantKey, String method, String canonicalUrl,
            byte[] body, String timestamp, String nonce) {
        Objects.requireNonNull(mchid, "mchid");
        int bodyLength = body == null ? 0 : body.length;
        String signature = sign(merchantKey,
                requestMessage(method, canonicalUrl, timestamp, nonce, body, 0, bodyLength));
        return schemaOf(merchantKey)
                + " mchid=\"" + mchid
                + "\",nonce_str=\"" + nonce
                + "\",timestamp=\"" + timestamp
                + "\",serial_no=\"" + merchantKey.keyId()
                + "\",signature=\"" + signature + "\"";
    }

    /**
     * True when {@code |request - now| <= maxSkew}, inclusive, exact for any pair of longs (no
     * overflow). WeChat Pay allows 5 minutes: {@code maxSkewSeconds = 300}.
     *
     * @throws IllegalArgumentException if {@code maxSkewSeconds} is negative
     */
    public static boolean withinSkew(long requestEpochSeconds, long nowEpochSeconds, long maxSkewSeconds) {
        if (maxSkewSeconds < 0) {
            throw new IllegalArgumentException("maxSkewSeconds must not be negative");
        }
        // The true distance lies in [0, 2^64 - 1]; the wrapped subtraction is exact read as unsigned.
        long distance = requestEpochSeconds >= nowEpochSeconds
                ? requestEpochSeconds - nowEpochSeconds
                : nowEpochSeconds - requestEpochSeconds;
        return Long.compareUnsigned(distance, maxSkewSeconds) <= 0;
    }

    private static byte[] text(String part, String name) {
        Objects.requireNonNull(part, name);
        if (part.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(name + " must not contain a line feed");
        }
        return part.getBytes(StandardCharsets.UTF_8);
    }

    private static int line(byte[] out, int at, byte[] src, int offset, int length) {
        if (length > 0) {
            System.arraycopy(src, offset, out, at, length);
        }
        out[at + length] = '\n';
        return at + length + 1;
    }
}
