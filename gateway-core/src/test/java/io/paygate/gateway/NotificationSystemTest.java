package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.support.CallbackServer;
import io.paygate.gateway.support.SdkClients;
import io.paygate.gateway.support.TestGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Payment notifications reach the merchant's notify_url and the official SDK verifies and decrypts them. */
class NotificationSystemTest {

    @TempDir
    static Path dir;
    static TestGateway gw;
    static MerchantInfo demo;
    static MerchantClient merchant;
    static CallbackServer callbacks;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start(dir, Map.of("paygate.notify.retry-schedule", java.util.List.of("200ms", "200ms")));
        demo = gw.demo();
        merchant = new MerchantClient(demo, gw.apiBaseUrl());
        callbacks = new CallbackServer();
    }

    @AfterAll
    static void stop() {
        gw.close();
        callbacks.close();
    }

    @Test
    void paymentNotificationIsVerifiedAndDecryptedByTheSdk() {
        String payer = merchant.newPayer(10_000);
        String body = "{\"appid\":\"" + demo.appid() + "\",\"mchid\":\"" + demo.mchid() + "\",\"description\":\"n\","
                + "\"out_trade_no\":\"NOTIFY_PAY_1\",\"notify_url\":\"" + callbacks.url("/pay/notify") + "\","
                + "\"amount\":{\"total\":321}}";
        MerchantClient.Reply created = merchant.signed("POST", "/v3/pay/transactions/native", body);
        assertThat(created.status()).isEqualTo(200);
        String codeUrl = (String) created.json().get("code_url");
        assertThat(merchant.sandbox("POST", "/sandbox/v1/payments",
                "{\"openid\":\"" + payer + "\",\"code_url\":\"" + codeUrl + "\"}").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> !callbacks.received().isEmpty());
        CallbackServer.Received r = callbacks.received().get(0);
        assertThat(r.path()).isEqualTo("/pay/notify");
        assertThat(r.header("Wechatpay-Signature-Type")).isEqualTo("WECHATPAY2-SHA256-RSA2048");
        RSAPublicKeyConfig config = (RSAPublicKeyConfig) SdkClients.publicKeyConfig(demo);
        Transaction t = new NotificationParser(config).parse(new RequestParam.Builder()
                .serialNumber(r.header("Wechatpay-Serial"))
                .nonce(r.header("Wechatpay-Nonce"))
                .signature(r.header("Wechatpay-Signature"))
                .timestamp(r.header("Wechatpay-Timestamp"))
                .signType(r.header("Wechatpay-Signature-Type"))
                .body(r.body())
                .build(), Transaction.class);
        assertThat(t.getOutTradeNo()).isEqualTo("NOTIFY_PAY_1");
        assertThat(t.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertThat(t.getAmount().getTotal()).isEqualTo(321);
        assertThat(t.getPayer().getOpenid()).isEqualTo(payer);
    }
}
