package io.paygate.bench.jmh;

import io.paygate.bench.ChronicleFork;
import io.paygate.signing.AesGcm;
import io.paygate.signing.ApiV2Signatures;
import io.paygate.signing.ApiV3Key;
import io.paygate.signing.ApiV3Signatures;
import io.paygate.signing.Keys;
import io.paygate.signing.Nonces;
import io.paygate.signing.SigningKey;
import io.paygate.signing.Sm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request crypto, through Paygate's own {@code signing} API (what the gateway calls), each
 * beside a control that reuses one JCA object ({@code *Reused}): the gap between the two is what a
 * new {@code Signature}/{@code Cipher}/{@code Mac} per call costs. Messages are the sizes the gateway
 * sees: a ~400-byte APIv3 request message, a 600-byte notification payload, a 500-byte APIv2 string.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SigningBenchmark extends ChronicleFork {

    private SigningKey rsa;
    private KeyPair rsaPair;
    private SigningKey sm2;
    private KeyPair sm2Pair;
    private final byte[] message = message(400);
    private String rsaSignature;
    private String sm2Signature;
    private Signature rsaSigner;
    private Signature rsaVerifier;
    private byte[] rsaSignatureBytes;
    private Signature sm2Signer;
    private final ApiV3Key apiV3Key = ApiV3Key.of("apiv3key0123456789abcdef01234567");
    private final byte[] payload = message(600);
    private Cipher gcm;
    private long gcmCalls;
    private static final int NONCES = 4096;
    private final String[] nonces = new String[NONCES];
    private final byte[][] nonceBytes = new byte[NONCES][];
    private SecretKeySpec aesKey;
    private final TreeMap<String, String> v2Params = new TreeMap<>();
    private Mac hmac;
    private byte[] v2Bytes;

    @Setup
    public void setUp() throws GeneralSecurityException {
        SecureRandom rnd = new SecureRandom();
        rsaPair = Keys.generateRsa2048(rnd);
        rsa = SigningKey.of("RSA_BENCH", rsaPair.getPrivate());
        sm2Pair = Sm.generateSm2(rnd);
        sm2 = SigningKey.of("SM2_BENCH", sm2Pair.getPrivate());
        rsaSignature = ApiV3Signatures.sign(rsa, message);
        sm2Signature = ApiV3Signatures.sign(sm2, message);
        rsaSigner = Signature.getInstance("SHA256withRSA");
        rsaSigner.initSign(rsaPair.getPrivate());
        rsaVerifier = Signature.getInstance("SHA256withRSA");
        rsaVerifier.initVerify(rsaPair.getPublic());
        rsaSignatureBytes = Base64.getDecoder().decode(rsaSignature);
        sm2Signer = Signature.getInstance("SM3withSM2", new BouncyCastleProvider());
        sm2Signer.initSign(sm2Pair.getPrivate());
        gcm = Cipher.getInstance("AES/GCM/NoPadding");
        for (int i = 0; i < NONCES; i++) {
            nonces[i] = Nonces.alphanumeric(rnd, AesGcm.NONCE_BYTES);
            nonceBytes[i] = nonces[i].getBytes(StandardCharsets.US_ASCII);
        }
        aesKey = new SecretKeySpec(apiV3Key.reveal().getBytes(StandardCharsets.US_ASCII), "AES");
        for (int i = 0; v2Bytes == null || v2Bytes.length < 500; i++) {
            v2Params.put("field_" + i, "value-" + i + "-abcdefghijklmnopqrstu");
            v2Bytes = v2Params.toString().getBytes(StandardCharsets.UTF_8);
        }
        hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec("apiv2key0123456789abcdef01234567".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    }

    static byte[] message(int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    @Benchmark
    public String rsaSign() {
        return ApiV3Signatures.sign(rsa, message);
    }

    @Benchmark
    public byte[] rsaSignReused() throws GeneralSecurityException {
        rsaSigner.update(message);
        return rsaSigner.sign();
    }

    @Benchmark
    public boolean rsaVerify() {
        return ApiV3Signatures.verify(rsaPair.getPublic(), message, rsaSignature);
    }

    @Benchmark
    public boolean rsaVerifyReused() throws GeneralSecurityException {
        rsaVerifier.update(message);
        return rsaVerifier.verify(rsaSignatureBytes);
    }

    @Benchmark
    public String sm2Sign() {
        return ApiV3Signatures.sign(sm2, message);
    }

    @Benchmark
    public byte[] sm2SignReused() throws GeneralSecurityException {
        sm2Signer.update(message);
        return sm2Signer.sign();
    }

    @Benchmark
    public boolean sm2Verify() {
        return ApiV3Signatures.verify(sm2Pair.getPublic(), message, sm2Signature);
    }

    /** A fresh nonce per message, as the notifier draws them (GCM must never repeat one under a key). */
    @Benchmark
    public String aesGcm600() {
        return AesGcm.encryptToBase64(apiV3Key, nonces[(int) (gcmCalls++ & (NONCES - 1))], "transaction", payload);
    }

    @Benchmark
    public byte[] aesGcm600Reused() throws GeneralSecurityException {
        // the Cipher is what is reused; the nonce changes per message as above
        gcm.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, nonceBytes[(int) (gcmCalls++ & (NONCES - 1))]));
        gcm.updateAAD("transaction".getBytes(StandardCharsets.US_ASCII));
        return gcm.doFinal(payload);
    }

    @Benchmark
    public String hmacSha256500() {
        return ApiV2Signatures.hmacSha256(v2Params, "apiv2key0123456789abcdef01234567");
    }

    @Benchmark
    public byte[] hmacSha256500Reused() {
        return hmac.doFinal(v2Bytes);
    }
}
