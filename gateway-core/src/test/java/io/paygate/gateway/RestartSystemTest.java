package io.paygate.gateway;

import static io.paygate.gateway.support.SignedClient.assertSigned;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.paygate.gateway.admin.DemoMerchant;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.support.AdminClient;
import io.paygate.gateway.support.OrderBodies;
import io.paygate.gateway.support.RawHttp;
import io.paygate.gateway.support.SdkOrders;
import io.paygate.gateway.support.SdkOrders.Kind;
import io.paygate.gateway.support.SignedClient;
import io.paygate.gateway.support.TestGateway;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean stop and start on the same data dir: the state is rebuilt from the journal exactly (same
 * query bodies byte for byte, same ledger state hash), the demo merchant and provisioned merchants
 * keep their identities and keys, and the official SDK carries on.
 */
class RestartSystemTest {

    @TempDir
    Path dir;

    record Placed(Kind kind, String outTradeNo, boolean closed) {
    }

    @Test
    void stateMerchantsAndClientsSurviveARestart() throws Exception {
        try (TestGateway gw = TestGateway.start(dir.resolve("gw"))) {
            MerchantInfo before = gw.demo();
            String merchantJsonBefore = SignedClient.read(gw.dataDir().resolve("demo").resolve(DemoMerchant.FILE));
            String privateKeyBefore = SignedClient.read(Path.of(before.merchantPrivateKeyFile()));
            SdkOrders sdk = SdkOrders.publicKeyMode(before, gw.apiPort());

            // several orders of every trade type, one of each closed
            Map<String, Placed> placed = new LinkedHashMap<>();
            int amount = 100;
            for (Kind kind : Kind.values()) {
                for (int i = 0; i < 3; i++) {
                    String no = "RST_" + kind + "_" + i;
                    sdk.prepay(kind, no, amount++, "重启前 " + kind + " #" + i);
                    boolean close = i == 1;
                    if (close) {
                        sdk.close(kind, no);
                    }
                    placed.put(no, new Placed(kind, no, close));
                }
            }
            // a provisioned merchant with an order of its own
            AdminClient.NewMerchant other = AdminClient.of(gw).provisionMerchant("restart-b", dir);
            SignedClient otherClient = SignedClient.of(other.info());
            SignedClient.Response otherOrder = otherClient.post(OrderBodies.NATIVE, OrderBodies.prepay(OrderBodies.NATIVE,
                    other.info().appid(), other.info().mchid(), "RST_OTHER_1", 777).toString()).send();
            assertThat(otherOrder.status()).as("%s", otherOrder).isEqualTo(200);

            SignedClient raw = SignedClient.of(before);
            Map<String, byte[]> bodiesBefore = new LinkedHashMap<>();
            for (Placed p : placed.values()) {
                SignedClient.Response r = raw.get(OrderBodies.query(p.outTradeNo(), before.mchid())).send();
                assertSigned(r, before);
                assertThat(r.json().path("trade_state").asText()).isEqualTo(p.closed() ? "CLOSED" : "NOTPAY");
                bodiesBefore.put(p.outTradeNo(), r.body());
            }
            byte[] otherBefore = otherClient.get(OrderBodies.query("RST_OTHER_1", other.info().mchid())).send().body();
            String hashBefore = AdminClient.of(gw).stateHash();

            gw.restart();

            // the ledger first, before anything else can touch the state
            assertThat(AdminClient.of(gw).stateHash()).as("state_hash after restart").isEqualTo(hashBefore);

            MerchantInfo after = gw.demo();
            assertThat(after.mchid()).isEqualTo(before.mchid());
            assertThat(after.appid()).isEqualTo(before.appid());
            assertThat(after.merchantSerialNo()).isEqualTo(before.merchantSerialNo());
            assertThat(after.merchantPrivateKeyFile()).isEqualTo(before.merchantPrivateKeyFile());
            assertThat(SignedClient.read(Path.of(after.merchantPrivateKeyFile()))).isEqualTo(privateKeyBefore);
            assertThat(after.apiv3Key()).isEqualTo(before.apiv3Key());
            assertThat(after.apiv2Key()).isEqualTo(before.apiv2Key());
            assertThat(after.platformPublicKeyId()).isEqualTo(before.platformPublicKeyId());
            assertThat(after.platformCertificateSerialNo()).isEqualTo(before.platformCertificateSerialNo());
            assertThat(SignedClient.read(Path.of(after.platformPublicKeyFile())))
                    .isEqualTo(SignedClient.read(Path.of(before.platformPublicKeyFile())));
            assertThat(SignedClient.read(Path.of(after.platformCertificateFile())))
                    .isEqualTo(SignedClient.read(Path.of(before.platformCertificateFile())));
            // merchant.json on disk describes the same merchant (only the base URLs follow the new ports)
            JsonNode jsonBefore = SignedClient.parse(merchantJsonBefore);
            JsonNode jsonAfter = SignedClient.parse(SignedClient.read(gw.dataDir().resolve("demo").resolve(DemoMerchant.FILE)));
            for (String field : new String[] {"mchid", "appid", "merchant_serial_no", "merchant_private_key_file",
                    "apiv3_key", "apiv2_key", "platform_public_key_id", "platform_public_key_file",
                    "platform_certificate_serial_no", "platform_certificate_file"}) {
                assertThat(jsonAfter.path(field).asText()).as(field).isNotEmpty().isEqualTo(jsonBefore.path(field).asText());
            }
            assertThat(jsonAfter.path("api_base_url").asText()).isEqualTo(gw.apiBaseUrl());
            assertThat(jsonAfter.path("admin_base_url").asText()).isEqualTo(gw.adminBaseUrl());

            // every query body is byte-identical; only the signature headers are new
            SignedClient rawAfter = SignedClient.of(after);
            for (Placed p : placed.values()) {
                SignedClient.Response r = rawAfter.get(OrderBodies.query(p.outTradeNo(), after.mchid())).send();
                assertSigned(r, after);
                assertThat(r.body()).as("query body of %s after restart", p.outTradeNo())
                        .isEqualTo(bodiesBefore.get(p.outTradeNo()));
            }
            SignedClient otherAfter = new SignedClient(gw.apiBaseUrl(), other.info().mchid(), otherClient.key(),
                    other.info().platformPublicKeyId());
            SignedClient.Response otherQuery = otherAfter.get(OrderBodies.query("RST_OTHER_1", other.info().mchid())).send();
            assertThat(otherQuery.status()).as("the provisioned merchant still authenticates: %s", otherQuery).isEqualTo(200);
            assertThat(otherQuery.body()).isEqualTo(otherBefore);

            // the SDK, in both modes, keeps working against the restarted gateway
            for (SdkOrders s : new SdkOrders[] {SdkOrders.publicKeyMode(after, gw.apiPort()),
                    SdkOrders.certificateMode(after, gw.apiPort())}) {
                for (Placed p : placed.values()) {
                    Transaction t = s.query(p.kind(), p.outTradeNo());
                    assertThat(t.getTradeState()).isEqualTo(p.closed()
                            ? Transaction.TradeStateEnum.CLOSED : Transaction.TradeStateEnum.NOTPAY);
                }
            }
            SdkOrders sdkAfter = SdkOrders.publicKeyMode(after, gw.apiPort());
            sdkAfter.close(Kind.NATIVE, "RST_NATIVE_0");
            assertThat(sdkAfter.query(Kind.NATIVE, "RST_NATIVE_0").getTradeState()).isEqualTo(Transaction.TradeStateEnum.CLOSED);
            String fresh = sdkAfter.prepay(Kind.APP, "RST_APP_NEW", 1, "重启后");
            assertThat(fresh).startsWith("wx");
            assertThat(AdminClient.of(gw).stateHash()).as("new writes move the state").isNotEqualTo(hashBefore);
        }
    }

    @Test
    void idempotentRetryAfterARestartReturnsTheOriginalPrepayResult() throws Exception {
        try (TestGateway gw = TestGateway.start(dir.resolve("idem"))) {
            Map<Kind, String> tokens = new LinkedHashMap<>();
            SdkOrders sdk = SdkOrders.publicKeyMode(gw.demo(), gw.apiPort());
            for (Kind kind : Kind.values()) {
                tokens.put(kind, sdk.prepay(kind, "IDEM_" + kind, 4321, "幂等"));
            }
            gw.restart();
            SdkOrders after = SdkOrders.publicKeyMode(gw.demo(), gw.apiPort());
            for (Kind kind : Kind.values()) {
                assertThat(after.prepay(kind, "IDEM_" + kind, 4321, "幂等")).as("%s", kind).isEqualTo(tokens.get(kind));
            }
        }
    }

    @Test
    void aCapturedRequestReplayedAfterARestartIsRefused() throws Exception {
        try (TestGateway gw = TestGateway.start(dir.resolve("replay"))) {
            SignedClient client = SignedClient.of(gw.demo());
            SignedClient.Call captured = client.post(OrderBodies.NATIVE, OrderBodies.prepay(OrderBodies.NATIVE,
                    gw.demo().appid(), gw.demo().mchid(), "REPLAY_RESTART", 100).toString()).header("Connection", "close");
            byte[] wire = captured.toBytes();
            RawHttp.RawResponse first = RawHttp.exchange(gw.apiPort(), wire);
            assertThat(first.status()).as("%s", first).isEqualTo(200);
            assertThat(RawHttp.exchange(gw.apiPort(), wire).status()).as("replay before the restart").isEqualTo(401);

            gw.restart();

            RawHttp.RawResponse replay = RawHttp.exchange(gw.apiPort(), wire);
            SignedClient.assertJsonError(replay, 401, "SIGN_ERROR");
        }
    }
}
