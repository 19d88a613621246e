package io.paygate.gateway;

import static io.paygate.gateway.support.SignedClient.assertJsonError;
import static io.paygate.gateway.support.SignedClient.assertSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.support.OrderBodies;
import io.paygate.gateway.support.SdkOrders;
import io.paygate.gateway.support.SdkOrders.Kind;
import io.paygate.gateway.support.SignedClient;
import io.paygate.gateway.support.TestGateway;
import io.paygate.signing.AesGcm;
import io.paygate.signing.ApiV3Key;
import io.paygate.signing.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official wechatpay-java SDK drives every prepay trade type (Native, JSAPI, App, H5) through
 * the real pipeline in both platform-key modes, and the raw wire shows what the SDK relies on: every
 * 2xx signed with the key its {@code Wechatpay-Serial} names, the platform certificate served
 * encrypted under the merchant's APIv3 key.
 */
class SdkPrepaySystemTest {

    enum Mode { PUBLIC_KEY, CERTIFICATE }

    @TempDir
    static Path dir;
    static TestGateway gw;
    static MerchantInfo demo;
    static SdkOrders publicKeyMode;
    static SdkOrders certificateMode;
    static SignedClient raw;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start(dir);
        demo = gw.demo();
        publicKeyMode = SdkOrders.publicKeyMode(demo, gw.apiPort());
        certificateMode = SdkOrders.certificateMode(demo, gw.apiPort());
        raw = SignedClient.of(demo);
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    static SdkOrders sdk(Mode mode) {
        return mode == Mode.PUBLIC_KEY ? publicKeyMode : certificateMode;
    }

    static Stream<Arguments> modesAndKinds() {
        List<Arguments> all = new ArrayList<>();
        for (Mode m : Mode.values()) {
            for (Kind k : Kind.values()) {
                all.add(Arguments.of(m, k));
            }
        }
        return all.stream();
    }

    static String otn(Mode mode, Kind kind, String what) {
        return (mode == Mode.PUBLIC_KEY ? "PK" : "CT") + "_" + kind + "_" + what;
    }

    static void assertToken(Kind kind, String token) {
        switch (kind) {
            case NATIVE -> assertThat(token).startsWith("weixin://wxpay/bizpayurl?pr=");
            case JSAPI, APP -> assertThat(token).matches("wx\\d{14}[0-9a-f]{20}");
            case H5 -> assertThat(token).startsWith("https://");
        }
    }

    static void assertUnpaidOrder(Transaction t, Kind kind, String outTradeNo, int total, Transaction.TradeStateEnum state) {
        assertThat(t.getTradeState()).isEqualTo(state);
        assertThat(t.getOutTradeNo()).isEqualTo(outTradeNo);
        assertThat(t.getAppid()).isEqualTo(demo.appid());
        assertThat(t.getMchid()).isEqualTo(demo.mchid());
        assertThat(t.getTradeType()).isEqualTo(kind.tradeType);
        assertThat(t.getAmount().getTotal()).isEqualTo(total);
        assertThat(t.getAmount().getCurrency()).isEqualTo("CNY");
        assertThat(t.getTradeStateDesc()).isNotBlank();
        assertThat(t.getTransactionId()).as("an unpaid order has no transaction_id").isNull();
        assertThat(t.getSuccessTime()).isNull();
        assertThat(t.getPayer()).isNull();
    }

    static void assertServiceError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.getHttpStatusCode()).isEqualTo(status);
            assertThat(e.getErrorCode()).isEqualTo(code);
            assertThat(e.getErrorMessage()).isNotBlank();
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndKinds")
    void createQueryRetryCloseThroughTheSdk(Mode mode, Kind kind) {
        SdkOrders sdk = sdk(mode);
        String no = otn(mode, kind, "LIFE");

        String token = sdk.prepay(kind, no, 1234, "QQ公仔");
        assertToken(kind, token);
        assertUnpaidOrder(sdk.query(kind, no), kind, no, 1234, Transaction.TradeStateEnum.NOTPAY);

        // an idempotent retry returns the original result
        assertThat(sdk.prepay(kind, no, 1234, "QQ公仔")).isEqualTo(token);

        // the same out_trade_no with other terms is refused and changes nothing
        assertServiceError(() -> sdk.prepay(kind, no, 1235, "QQ公仔"), 403, "OUT_TRADE_NO_USED");
        assertServiceError(() -> sdk.prepay(kind, no, 1234, "QQ公仔 x2"), 403, "OUT_TRADE_NO_USED");
        assertUnpaidOrder(sdk.query(kind, no), kind, no, 1234, Transaction.TradeStateEnum.NOTPAY);
        assertThat(sdk.prepay(kind, no, 1234, "QQ公仔")).isEqualTo(token);

        // close (a signed 204 the SDK verifies), close again, CLOSED both times
        sdk.close(kind, no);
        assertUnpaidOrder(sdk.query(kind, no), kind, no, 1234, Transaction.TradeStateEnum.CLOSED);
        sdk.close(kind, no);
        assertUnpaidOrder(sdk.query(kind, no), kind, no, 1234, Transaction.TradeStateEnum.CLOSED);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndKinds")
    void unknownOrderIs404OrderNotExist(Mode mode, Kind kind) {
        SdkOrders sdk = sdk(mode);
        String no = otn(mode, kind, "NONE");
        assertServiceError(() -> sdk.query(kind, no), 404, "ORDER_NOT_EXIST");
        assertServiceError(() -> sdk.close(kind, no), 404, "ORDER_NOT_EXIST");
        assertServiceError(() -> sdk.query(kind, no), 404, "ORDER_NOT_EXIST");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndKinds")
    void prepayOfAClosedOrderIsOrderClosed(Mode mode, Kind kind) {
        SdkOrders sdk = sdk(mode);
        String no = otn(mode, kind, "REOPEN");
        sdk.prepay(kind, no, 500, "closed then retried");
        sdk.close(kind, no);
        assertServiceError(() -> sdk.prepay(kind, no, 500, "closed then retried"), 400, "ORDER_CLOSED");
        assertThat(sdk.query(kind, no).getTradeState()).isEqualTo(Transaction.TradeStateEnum.CLOSED);
    }

    // ---------------------------------------------------------------- the raw wire

    /** {@code Wechatpay-Serial} on the request → the serial the response must be signed with. */
    static Stream<Arguments> requestSerials() {
        return Stream.of(
                Arguments.of("certificate serial", demo.platformCertificateSerialNo(), demo.platformCertificateSerialNo()),
                Arguments.of("public key id", demo.platformPublicKeyId(), demo.platformPublicKeyId()),
                Arguments.of("none", null, demo.platformPublicKeyId()),
                Arguments.of("unknown", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1", demo.platformPublicKeyId()));
    }

    @ParameterizedTest(name = "Wechatpay-Serial: {0}")
    @MethodSource("requestSerials")
    void every2xxIsSignedWithTheKeyTheRequestNamed(String name, String requestSerial, String expectedSerial) {
        String no = "RAW_" + name.replace(' ', '_').toUpperCase();
        List<SignedClient.Response> responses = new ArrayList<>();
        for (String path : List.of(OrderBodies.NATIVE, OrderBodies.JSAPI, OrderBodies.APP, OrderBodies.H5)) {
            String n = no + "_" + path.substring(path.lastIndexOf('/') + 1);
            SignedClient.Response created = raw.post(path,
                    OrderBodies.prepay(path, demo.appid(), demo.mchid(), n, 100).toString())
                    .wechatpaySerial(requestSerial).send();
            assertThat(created.status()).as("%s", created).isEqualTo(200);
            responses.add(created);
            responses.add(raw.get(OrderBodies.query(n, demo.mchid())).wechatpaySerial(requestSerial).send());
            SignedClient.Response closed = raw.post(OrderBodies.close(n), "{\"mchid\":\"" + demo.mchid() + "\"}")
                    .wechatpaySerial(requestSerial).send();
            assertThat(closed.status()).as("%s", closed).isEqualTo(204);
            assertThat(closed.body()).isEmpty();
            responses.add(closed);
            // closing again is a 204 too, and signed
            responses.add(raw.post(OrderBodies.close(n), "{\"mchid\":\"" + demo.mchid() + "\"}")
                    .wechatpaySerial(requestSerial).send());
        }
        responses.add(raw.get("/v3/certificates").wechatpaySerial(requestSerial).send());
        responses.add(raw.get("/v3/certificates?algorithm_type=RSA").wechatpaySerial(requestSerial).send());
        for (SignedClient.Response r : responses) {
            assertThat(assertSigned(r, demo)).as("Wechatpay-Serial of %s", r).isEqualTo(expectedSerial);
        }
    }

    @Test
    void responseSignatureCoversTheExactBody() {
        SignedClient.Response r = raw.get("/v3/certificates").send();
        assertSigned(r, demo);
        byte[] tampered = r.body().clone();
        tampered[tampered.length / 2] ^= 1;
        SignedClient.Response forged = new SignedClient.Response(r.status(), r.headers(), tampered);
        assertThatThrownBy(() -> assertSigned(forged, demo)).isInstanceOf(AssertionError.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/v3/certificates", "/v3/certificates?algorithm_type=RSA", "/v3/certificates?algorithm_type=ALL"})
    void certificatesDecryptToThePlatformCertificate(String target) {
        SignedClient.Response r = raw.get(target).send();
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertSigned(r, demo);
        JsonNode data = r.json().path("data");
        assertThat(data.isArray()).isTrue();
        // ALL adds the SM2 certificate (checked in NationalCryptoSystemTest); the RSA one comes first
        assertThat(data.size()).isEqualTo(target.endsWith("=ALL") ? 2 : 1);
        if (data.size() == 2) {
            assertThat(data.get(1).path("serial_no").asText()).isEqualTo(demo.platformSm2CertificateSerialNo());
            assertThat(data.get(1).path("encrypt_certificate").path("algorithm").asText()).isEqualTo("AEAD_SM4_GCM");
        }
        JsonNode entry = data.get(0);
        assertThat(entry.path("serial_no").asText()).isEqualTo(demo.platformCertificateSerialNo());
        assertThat(entry.path("effective_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
        assertThat(entry.path("expire_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
        JsonNode enc = entry.path("encrypt_certificate");
        assertThat(enc.path("algorithm").asText()).isEqualTo("AEAD_AES_256_GCM");
        assertThat(enc.path("associated_data").asText()).isEqualTo("certificate");
        assertThat(enc.path("nonce").asText()).hasSize(12);
        byte[] pem = AesGcm.decryptFromBase64(ApiV3Key.of(demo.apiv3Key()), enc.path("nonce").asText(), "certificate",
                enc.path("ciphertext").asText());
        String expected = SignedClient.read(Path.of(demo.platformCertificateFile()));
        assertThat(new String(pem, StandardCharsets.US_ASCII).strip()).isEqualTo(expected.strip());
        assertThat(Pem.readCertificate(new String(pem, StandardCharsets.US_ASCII)))
                .isEqualTo(Pem.readCertificate(expected));
    }

    @Test
    void certificatesRefuseAnUnknownAlgorithmType() {
        assertJsonError(raw.get("/v3/certificates?algorithm_type=XYZ").send(), 400, "PARAM_ERROR");
        assertJsonError(raw.get("/v3/certificates?algorithm_type=rsa").send(), 400, "PARAM_ERROR");
        assertJsonError(raw.get("/v3/certificates?algorithm_type=RSA&algorithm_type=ALL").send(), 400, "PARAM_ERROR");
    }

    @Test
    void certificatesNeedASignature() {
        assertJsonError(raw.get("/v3/certificates").noAuthorization().send(), 401, "SIGN_ERROR");
    }
}
