package io.paygate.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.signing.ApiV3Signatures;
import io.paygate.signing.Keys;
import io.paygate.signing.SignatureFailure;
import io.paygate.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestAuthenticatorTest {

    static final String MCHID = "1900000109";
    static final String APPID = "wxd678efh567hg6787";
    static final String SERIAL = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C";
    static final String APIV3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
    static final long SKEW = 300;
    static final long T0 = 1_700_000_000L;
    static final String PATH = "/v3/pay/transactions/native";
    static final byte[] BODY = "{\"mchid\":\"1900000109\",\"out_trade_no\":\"ORDER0001\"}".getBytes(StandardCharsets.UTF_8);

    static KeyPair merchantKeys;
    static KeyPair strangerKeys;
    static SigningKey merchantSigner;

    final AtomicLong now = new AtomicLong(T0);
    MerchantDirectory directory;
    ReplayGuard guard;
    RequestAuthenticator auth;
    int nonceCounter;

    @BeforeAll
    static void keys() {
        SecureRandom rnd = new SecureRandom();
        merchantKeys = Keys.generateRsa2048(rnd);
        strangerKeys = Keys.generateRsa2048(rnd);
        merchantSigner = SigningKey.of(SERIAL, merchantKeys.getPrivate());
    }

    @BeforeEach
    void setUp() {
        directory = new MerchantDirectory();
        directory.register(MCHID, APPID, SERIAL, merchantKeys.getPublic().getEncoded(), APIV3_KEY);
        guard = new ReplayGuard(SKEW, 2_000_000);
        auth = new RequestAuthenticator(directory, guard, SKEW, now::get);
    }

    String nonce() {
        return "NONCE" + (++nonceCounter) + "abcdefghijklmnopqrstuvw";
    }

    static String header(SigningKey key, String method, String url, byte[] body, long ts, String nonce) {
        return ApiV3Signatures.authorization(MCHID, key, method, url, body, Long.toString(ts), nonce);
    }

    MerchantCredentials post(String url, String authorization, byte[] body) {
        return auth.authenticate("POST", url, authorization, body, 0, body.length);
    }

    static void assertFails(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOf(SignatureFailure.class).hasMessage(message);
    }

    // ---------------------------------------------------------------- success

    @Test
    void correctlySignedPostReturnsTheMerchant() {
        String h = header(merchantSigner, "POST", PATH, BODY, T0, nonce());
        MerchantCredentials m = post(PATH, h, BODY);
        assertThat(m.mchid()).isEqualTo(MCHID);
        assertThat(m.appid()).isEqualTo(APPID);
        assertThat(m.key(SERIAL)).isEqualTo(merchantKeys.getPublic());
    }

    @Test
    void correctlySignedGetWithQueryAndEmptyBodyPasses() {
        String url = "/v3/pay/transactions/out-trade-no/ORDER%7C0001?mchid=1900000109";
        String h = header(merchantSigner, "GET", url, null, T0, nonce());
        assertThat(auth.authenticate("GET", url, h, new byte[0], 0, 0).mchid()).isEqualTo(MCHID);
    }

    @Test
    void bodyIsTakenFromTheGivenRange() {
        String h = header(merchantSigner, "POST", PATH, BODY, T0, nonce());
        byte[] framed = new byte[BODY.length + 10];
        System.arraycopy(BODY, 0, framed, 5, BODY.length);
        assertThat(auth.authenticate("POST", PATH, h, framed, 5, BODY.length).mchid()).isEqualTo(MCHID);
    }

    @Test
    void pairsInAnyOrderAreAccepted() {
        String nonce = nonce();
        String ts = Long.toString(T0);
        String signature = ApiV3Signatures.sign(merchantSigner,
                ApiV3Signatures.requestMessage("POST", PATH, ts, nonce, BODY, 0, BODY.length));
        // the official WXPayUtility order
        String h = "WECHATPAY2-SHA256-RSA2048 mchid=\"" + MCHID + "\",nonce_str=\"" + nonce + "\",signature=\""
                + signature + "\",timestamp=\"" + ts + "\",serial_no=\"" + SERIAL + "\"";
        assertThat(post(PATH, h, BODY).mchid()).isEqualTo(MCHID);
    }

    @ParameterizedTest
    @ValueSource(longs = {-SKEW, SKEW, -1, 1})
    void timestampWithinTheSkewIsAccepted(long offset) {
        String h = header(merchantSigner, "POST", PATH, BODY, T0 + offset, nonce());
        assertThat(post(PATH, h, BODY).mchid()).isEqualTo(MCHID);
    }

    // ---------------------------------------------------------------- failures

    @Test
    void missingHeaderFails() {
        assertFails(() -> post(PATH, null, BODY), RequestAuthenticator.MSG_HEADER);
        assertFails(() -> post(PATH, "", BODY), RequestAuthenticator.MSG_HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "garbage",
            "WECHATPAY2-SHA256-RSA2048",
            "WECHATPAY2-SHA256-RSA2048 ",
            "Bearer abc",
            "WECHATPAY2-SHA256-RSA2048 mchid=\"1900000109\"",
            "WECHATPAY2-SHA256-RSA2048 mchid=1900000109,nonce_str=a,timestamp=1,serial_no=A,signature=B",
            "WECHATPAY2-SHA256-RSA2048 mchid=\"1900000109\",nonce_str=\"n\",timestamp=\"17x\",serial_no=\"A\",signature=\"Qg==\"",
            "WECHATPAY2-SM2-WITH-SM3 mchid=\"1900000109\",nonce_str=\"n\",timestamp=\"1\",serial_no=\"A\",signature=\"Qg==\""})
    void garbledHeaderFails(String header) {
        assertThatThrownBy(() -> post(PATH, header, BODY)).isInstanceOf(SignatureFailure.class);
        assertThat(guard.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {SKEW + 1, -(SKEW + 1), 86_400, -T0})
    void timestampOutsideTheSkewFails(long offset) {
        String h = header(merchantSigner, "POST", PATH, BODY, T0 + offset, nonce());
        assertFails(() -> post(PATH, h, BODY), RequestAuthenticator.MSG_SKEW);
        assertThat(guard.size()).isZero();
    }

    @Test
    void skewIsMeasuredAgainstTheInjectedClock() {
        String h = header(merchantSigner, "POST", PATH, BODY, T0, nonce());
        now.set(T0 + SKEW + 1);
        assertFails(() -> post(PATH, h, BODY), RequestAuthenticator.MSG_SKEW);
        now.set(T0 + SKEW);
        assertThat(post(PATH, h, BODY).mchid()).isEqualTo(MCHID);
    }

    @Test
    void unknownMchidFails() {
        String h = ApiV3Signatures.authorization("1900000999", merchantSigner, "POST", PATH, BODY, Long.toString(T0),
                nonce());
        assertFails(() -> post(PATH, h, BODY), RequestAuthenticator.MSG_MERCHANT);
    }

    @Test
    void unknownSerialFails() {
        SigningKey otherSerial = SigningKey.of("5157F09EFDC096DE15EBE81A47057A7232F1B8E1", merchantKeys.getPrivate());
        String h = header(otherSerial, "POST", PATH, BODY, T0, nonce());
        assertFails(() -> post(PATH, h, BODY), RequestAuthenticator.MSG_SERIAL);
    }

    @Test
    void signatureByAnotherKeyFails() {
        SigningKey stranger = SigningKey.of(SERIAL, strangerKeys.getPrivate());
        String h = header(stranger, "POST", PATH, BODY, T0, nonce());
        assertFails(() -> post(PATH, h, BODY), RequestAuthenticator.MSG_SIGNATURE);
    }

    @Test
    void tamperedBodyFails() {
        String h = header(merchantSigner, "POST", PATH, BODY, T0, nonce());
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] ^= 1;
        assertFails(() -> post(PATH, h, tampered), RequestAuthenticator.MSG_SIGNATURE);
    }

    @Test
    void extraWhitespaceInBodyFails() {
        String h = header(merchantSigner, "POST", PATH, BODY, T0, nonce());
        byte[] reformatted = (new String(BODY, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        assertFails(() -> post(PATH, h, reformatted), RequestAuthenticator.MSG_SIGNATURE);
    }

    @Test
    void tamperedPathFails() {
        String h = header(merchantSigner, "POST", PATH, BODY, T0, nonce());
        assertFails(() -> post("/v3/pay/transactions/jsapi", h, BODY), RequestAuthenticator.MSG_SIGNATURE);
    }

    @Test
    void decodedPathIsNotTheSignedPath() {
        String signed = "/v3/pay/transactions/out-trade-no/ORDER%7C0001?mchid=1900000109";
        String h = header(merchantSigner, "GET", signed, null, T0, nonce());
        assertFails(() -> auth.authenticate("GET", "/v3/pay/transactions/out-trade-no/ORDER|0001?mchid=1900000109", h,
                new byte[0], 0, 0), RequestAuthenticator.MSG_SIGNATURE);
    }

    @Test
    void tamperedQueryFails() {
        String url = "/v3/pay/transactions/out-trade-no/ORDER0001?mchid=1900000109";
        String h = header(merchantSigner, "GET", url, null, T0, nonce());
        assertFails(() -> auth.authenticate("GET", url.replace("109", "110"), h, new byte[0], 0, 0),
                RequestAuthenticator.MSG_SIGNATURE);
    }

    @Test
    void droppedQueryFails() {
        String url = "/v3/pay/transactions/out-trade-no/ORDER0001?mchid=1900000109";
        String h = header(merchantSigner, "GET", url, null, T0, nonce());
        assertFails(() -> auth.authenticate("GET", "/v3/pay/transactions/out-trade-no/ORDER0001", h, new byte[0], 0, 0),
                RequestAuthenticator.MSG_SIGNATURE);
    }

    @Test
    void tamperedMethodFails() {
        String h = header(merchantSigner, "POST", PATH, BODY, T0, nonce());
        assertFails(() -> auth.authenticate("PUT", PATH, h, BODY, 0, BODY.length), RequestAuthenticator.MSG_SIGNATURE);
    }

    @Test
    void replayedNonceFailsTheSecondTime() {
        String h = header(merchantSigner, "POST", PATH, BODY, T0, nonce());
        assertThat(post(PATH, h, BODY).mchid()).isEqualTo(MCHID);
        assertFails(() -> post(PATH, h, BODY), RequestAuthenticator.MSG_REPLAY);
    }

    @Test
    void replayIsCaughtLaterInTheWindowToo() {
        String h = header(merchantSigner, "POST", PATH, BODY, T0, nonce());
        post(PATH, h, BODY);
        now.set(T0 + SKEW);
        assertFails(() -> post(PATH, h, BODY), RequestAuthenticator.MSG_REPLAY);
    }

    @Test
    void badSignatureDoesNotConsumeTheNonce() {
        String nonce = nonce();
        String good = header(merchantSigner, "POST", PATH, BODY, T0, nonce);
        String forged = header(SigningKey.of(SERIAL, strangerKeys.getPrivate()), "POST", PATH, BODY, T0, nonce);
        assertFails(() -> post(PATH, forged, BODY), RequestAuthenticator.MSG_SIGNATURE);
        assertThat(guard.size()).isZero();
        assertThat(post(PATH, good, BODY).mchid()).isEqualTo(MCHID);
    }

    @Test
    void tamperedRequestDoesNotConsumeTheNonce() {
        String h = header(merchantSigner, "POST", PATH, BODY, T0, nonce());
        assertFails(() -> post("/v3/pay/transactions/app", h, BODY), RequestAuthenticator.MSG_SIGNATURE);
        assertThat(post(PATH, h, BODY).mchid()).isEqualTo(MCHID);
    }

    @Test
    void fullReplayCacheRefusesAVerifiedRequest() {
        ReplayGuard tiny = new ReplayGuard(SKEW, 1); // 1024 entries per bucket
        RequestAuthenticator a = new RequestAuthenticator(directory, tiny, SKEW, now::get);
        for (int i = 0; i < 1024; i++) {
            assertThat(tiny.firstSeen(MCHID, "filler-" + i, T0, T0)).isEqualTo(ReplayGuard.Outcome.FIRST);
        }
        String h = header(merchantSigner, "POST", PATH, BODY, T0, nonce());
        assertThatThrownBy(() -> a.authenticate("POST", PATH, h, BODY, 0, BODY.length))
                .isInstanceOf(RequestAuthenticator.ReplayCacheFullException.class);
        // a request in another bucket still passes
        String other = header(merchantSigner, "POST", PATH, BODY, T0 + ReplayGuard.BUCKET_SECONDS, nonce());
        assertThat(a.authenticate("POST", PATH, other, BODY, 0, BODY.length).mchid()).isEqualTo(MCHID);
    }

    @Test
    void replacedMerchantKeyTakesEffect() {
        directory.register(MCHID, APPID, SERIAL, strangerKeys.getPublic().getEncoded(), APIV3_KEY);
        String h = header(merchantSigner, "POST", PATH, BODY, T0, nonce());
        assertFails(() -> post(PATH, h, BODY), RequestAuthenticator.MSG_SIGNATURE);
    }
}
