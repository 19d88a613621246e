package io.paygate.gateway;

import static io.paygate.gateway.support.SignedClient.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.support.AdminClient;
import io.paygate.gateway.support.RawHttp;
import io.paygate.gateway.support.SdkOrders;
import io.paygate.gateway.support.SdkOrders.Kind;
import io.paygate.gateway.support.SignedClient;
import io.paygate.gateway.support.TestGateway;
import io.paygate.signing.Keys;
import io.paygate.signing.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admin port (DESIGN §3): probes without a token, everything under {@code /admin/v1/} behind
 * the bearer token, merchant provisioning that yields a merchant the official SDK can use at once.
 */
class AdminSystemTest {

    /** merchant.json's fields (DESIGN §3) without the merchant private key file. */
    static final Set<String> PROVISIONED_FIELDS = Set.of("mchid", "appid", "merchant_serial_no", "apiv3_key", "apiv2_key",
            "platform_public_key_id", "platform_public_key_file", "platform_certificate_serial_no",
            "platform_certificate_file", "platform_sm2_certificate_serial_no", "platform_sm2_certificate_file",
            "api_base_url", "admin_base_url");

    @TempDir
    static Path dir;
    static TestGateway gw;
    static AdminClient admin;
    static final SecureRandom RANDOM = new SecureRandom();
    static String publicKeyPem;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start(dir.resolve("gw"));
        admin = AdminClient.of(gw);
        publicKeyPem = Pem.writePublicKey(Keys.generateRsa2048(RANDOM).getPublic());
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    static Set<String> fieldNames(JsonNode json) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void probesAnswerWithoutAToken() {
        SignedClient.Response live = admin.send("GET", "/livez", null, null);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.header("Content-Type")).startsWith("application/json");
        SignedClient.Response ready = admin.send("GET", "/readyz", null, null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.header("Content-Type")).startsWith("application/json");
        assertThat(gw.gateway().intake().isOpen()).isTrue();
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("none", null),
                Arguments.of("empty", ""),
                Arguments.of("wrong token", "Bearer not-the-token"),
                Arguments.of("token without scheme", gw.adminToken()),
                Arguments.of("token with a suffix", "Bearer " + gw.adminToken() + "x"),
                Arguments.of("token prefix", "Bearer " + gw.adminToken().substring(0, gw.adminToken().length() - 1)),
                Arguments.of("Basic scheme", "Basic " + gw.adminToken()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void adminEndpointsRefuseAMissingOrWrongToken(String name, String authorization) {
        String hash = admin.stateHash();
        assertJsonError(admin.send("GET", "/admin/v1/ledger", null, authorization), 401);
        assertJsonError(admin.send("POST", "/admin/v1/merchants",
                AdminClient.merchantRequest("intruder", publicKeyPem, "AAAA0001"), authorization), 401);
        assertJsonError(admin.send("GET", "/admin/v1/nothing", null, authorization), 404);
        assertThat(admin.stateHash()).as("nothing was provisioned").isEqualTo(hash);
    }

    @Test
    void ledgerReportsABalancedLedgerAndAStateHashThatMovesWithWrites() {
        SignedClient.Response r = admin.send("GET", "/admin/v1/ledger", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode ledger = r.json();
        assertThat(fieldNames(ledger)).containsExactlyInAnyOrder("accounts", "sum", "negative_accounts", "state_hash");
        assertThat(ledger.path("sum").asLong(-1)).isZero();
        assertThat(ledger.path("negative_accounts").asLong(-1)).isZero();
        String hash = ledger.path("state_hash").asText();
        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(admin.stateHash()).as("a read changes nothing").isEqualTo(hash);
        SdkOrders.publicKeyMode(gw.demo(), gw.apiPort()).prepay(Kind.NATIVE, "LEDGER_MOVE_1", 1, "moves the hash");
        assertThat(admin.stateHash()).isNotEqualTo(hash);
    }

    @Test
    void wrongMethodAndUnknownPathAreJsonErrors() {
        assertJsonError(admin.send("POST", "/admin/v1/ledger", "{}"), 405);
        assertJsonError(admin.send("GET", "/admin/v1/merchants", null), 405);
        assertJsonError(admin.send("POST", "/livez", "{}", null), 405);
        assertJsonError(admin.send("GET", "/admin/v1/nothing", null), 404);
        assertJsonError(admin.send("GET", "/", null, null), 404);
    }

    @Test
    void provisioningAnswers201WithMerchantJsonFieldsButNoPrivateKey() {
        AdminClient.NewMerchant m = admin.provisionMerchant("fields-check", dir);
        JsonNode j = m.created();
        assertThat(j.has("merchant_private_key_file")).as("Paygate never holds the merchant's private key").isFalse();
        Set<String> expectedWithoutSerial = new TreeSet<>(PROVISIONED_FIELDS);
        expectedWithoutSerial.remove("merchant_serial_no");
        assertThat(fieldNames(j)).containsAll(expectedWithoutSerial);
        assertThat(j.path("mchid").asText()).matches("\\d{10}").isNotEqualTo(gw.demo().mchid());
        assertThat(j.path("appid").asText()).startsWith("wx").isNotEqualTo(gw.demo().appid());
        assertThat(j.path("apiv3_key").asText()).hasSize(32).isNotEqualTo(gw.demo().apiv3Key());
        assertThat(j.path("apiv2_key").asText()).hasSize(32);
        MerchantInfo demo = gw.demo();
        assertThat(j.path("platform_public_key_id").asText()).isEqualTo(demo.platformPublicKeyId());
        assertThat(j.path("platform_certificate_serial_no").asText()).isEqualTo(demo.platformCertificateSerialNo());
        assertThat(Files.isRegularFile(Path.of(j.path("platform_public_key_file").asText()))).isTrue();
        assertThat(Files.isRegularFile(Path.of(j.path("platform_certificate_file").asText()))).isTrue();
        assertThat(j.path("api_base_url").asText()).isEqualTo(gw.apiBaseUrl());
        assertThat(j.path("admin_base_url").asText()).isEqualTo(gw.adminBaseUrl());
    }

    @Test
    void provisioningAnswersExactlyTheMerchantJsonFieldsSetMinusThePrivateKey() {
        AdminClient.NewMerchant m = admin.provisionMerchant("fields-exact", dir);
        assertThat(fieldNames(m.created())).isEqualTo(new TreeSet<>(PROVISIONED_FIELDS));
        assertThat(m.created().path("merchant_serial_no").asText()).isEqualTo(m.info().merchantSerialNo());
    }

    @Test
    void aProvisionedMerchantCanUseTheSdkAtOnce() {
        AdminClient.NewMerchant m = admin.provisionMerchant("sdk-merchant", dir);
        MerchantInfo info = m.info();
        SdkOrders pk = SdkOrders.publicKeyMode(info, gw.apiPort());
        for (Kind kind : Kind.values()) {
            String no = "NEWM_" + kind;
            String token = pk.prepay(kind, no, 888, "新商户");
            assertThat(token).isNotBlank();
            Transaction t = pk.query(kind, no);
            assertThat(t.getMchid()).isEqualTo(info.mchid());
            assertThat(t.getAppid()).isEqualTo(info.appid());
            assertThat(t.getTradeState()).isEqualTo(Transaction.TradeStateEnum.NOTPAY);
            assertThat(t.getAmount().getTotal()).isEqualTo(888);
        }
        pk.close(Kind.NATIVE, "NEWM_NATIVE");
        assertThat(pk.query(Kind.NATIVE, "NEWM_NATIVE").getTradeState()).isEqualTo(Transaction.TradeStateEnum.CLOSED);
        // certificate mode too: the certificate is encrypted under this merchant's own APIv3 key
        SdkOrders cert = SdkOrders.certificateMode(info, gw.apiPort());
        assertThat(cert.query(Kind.APP, "NEWM_APP").getTradeState()).isEqualTo(Transaction.TradeStateEnum.NOTPAY);
        // the demo merchant cannot see the new merchant's orders
        SdkOrders demo = SdkOrders.publicKeyMode(gw.demo(), gw.apiPort());
        assertThatThrownBy(() -> demo.query(Kind.APP, "NEWM_APP")).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo("ORDER_NOT_EXIST"));
    }

    static Stream<Arguments> badMerchantRequests() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256, RANDOM);
        String ecPem = Pem.writePublicKey(ec.generateKeyPair().getPublic());
        String privatePem = Pem.writePrivateKey(Keys.generateRsa2048(RANDOM).getPrivate());
        String garbledBase64 = "-----BEGIN PUBLIC KEY-----\nTUlJQklqQU5CZ2txaGtpRzl3MEJBUUVGQUFPQ0FR\n-----END PUBLIC KEY-----\n";
        List<Arguments> all = new ArrayList<>(List.of(
                Arguments.of("garbage PEM", AdminClient.merchantRequest("m", "garbage", "ABCD0001")),
                Arguments.of("PEM with garbled key bytes", AdminClient.merchantRequest("m", garbledBase64, "ABCD0001")),
                Arguments.of("PEM that is not base64", AdminClient.merchantRequest("m",
                        "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n", "ABCD0001")),
                Arguments.of("a private key instead", AdminClient.merchantRequest("m", privatePem, "ABCD0001")),
                Arguments.of("an EC key", AdminClient.merchantRequest("m", ecPem, "ABCD0001")),
                Arguments.of("serial with a quote", AdminClient.merchantRequest("m", publicKeyPem, "AB\"CD")),
                Arguments.of("serial with a space", AdminClient.merchantRequest("m", publicKeyPem, "AB CD")),
                Arguments.of("serial of 65 chars", AdminClient.merchantRequest("m", publicKeyPem, "A".repeat(65))),
                Arguments.of("name of 65 chars", AdminClient.merchantRequest("n".repeat(65), publicKeyPem, "ABCD0001")),
                Arguments.of("name blank", AdminClient.merchantRequest("  ", publicKeyPem, "ABCD0001")),
                Arguments.of("name a number", "{\"name\":5,\"merchant_public_key_pem\":" + SignedClient.mapper()
                        .valueToTree(publicKeyPem) + ",\"merchant_serial_no\":\"ABCD0001\"}"),
                Arguments.of("not JSON", "name=m"),
                Arguments.of("empty body", ""),
                Arguments.of("JSON array", "[]"),
                Arguments.of("duplicate key", "{\"name\":\"a\",\"name\":\"b\"}")));
        for (String missing : new String[] {"name", "merchant_public_key_pem", "merchant_serial_no"}) {
            all.add(Arguments.of("missing " + missing, SignedClient.edit(
                    AdminClient.merchantRequest("m", publicKeyPem, "ABCD0001"), o -> o.remove(missing))));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMerchantRequests")
    void badMerchantRequestsAre400(String name, String body) {
        String hash = admin.stateHash();
        assertJsonError(admin.send("POST", "/admin/v1/merchants", body), 400);
        assertThat(admin.stateHash()).as("nothing was provisioned").isEqualTo(hash);
    }

    @Test
    void oversizedAdminBodyIs413Json() {
        String body = AdminClient.merchantRequest("big", publicKeyPem, "ABCD0001").replace("\"name\"",
                "\"padding\":\"" + "x".repeat(70 * 1024) + "\",\"name\"");
        String request = "POST /admin/v1/merchants HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + gw.adminToken()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        RawHttp.RawResponse r = RawHttp.exchange(gw.adminPort(), request);
        assertJsonError(r, 413);
    }
}
