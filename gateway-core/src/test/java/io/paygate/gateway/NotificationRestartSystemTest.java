package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.support.AdminClient;
import io.paygate.gateway.support.CallbackServer;
import io.paygate.gateway.support.NotificationLog;
import io.paygate.gateway.support.Notifications;
import io.paygate.gateway.support.SandboxPayments;
import io.paygate.gateway.support.SdkClients;
import io.paygate.gateway.support.TestGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications still undelivered at a restart go out afterwards in a form the merchant's SDK
 * accepts: a merchant that verifies every notification (and answers 4xx to one it cannot verify,
 * as WeChat tells merchants to) gets it delivered after the restart without having to call the
 * gateway first.
 */
class NotificationRestartSystemTest {

    @TempDir
    Path dir;

    /** A merchant backend: 200 when the official SDK verifies and decrypts the notification, else 401. */
    static int verifying(NotificationConfig sdk, CallbackServer.Received r) {
        try {
            Notifications.parse(sdk, r, Transaction.class);
            return 200;
        } catch (RuntimeException e) {
            return 401;
        }
    }

    @Test
    void publicKeyModeMerchantVerifiesNotificationsRetriedAfterARestart() throws Exception {
        try (TestGateway gw = TestGateway.start(dir.resolve("gw"), Map.of("paygate.notify.retry-schedule",
                List.of("300ms", "300ms", "300ms", "300ms", "300ms", "300ms", "300ms", "300ms", "300ms", "300ms")));
             CallbackServer cb = new CallbackServer().answer(503)) {
            MerchantInfo demo = gw.demo();
            MerchantClient merchant = new MerchantClient(demo, gw.apiBaseUrl());
            SandboxPayments.payNative(merchant, merchant.newPayer(10_000), "RESTART_PK_1", 100, cb.url("/pk"));
            await().atMost(Duration.ofSeconds(10)).until(() -> cb.requests() >= 1);
            String id = Notifications.id(cb.received().get(0));

            gw.restart();
            NotificationConfig sdk = (NotificationConfig) SdkClients.publicKeyConfig(demo);
            cb.answerEach(r -> verifying(sdk, r));
            NotificationLog log = NotificationLog.of(gw);
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                JsonNode n = log.find(id);
                return n != null && n.path("status").asText().equals("DELIVERED");
            });
        }
    }

    @Test
    void certificateModeMerchantVerifiesNotificationsRetriedAfterARestart() throws Exception {
        try (TestGateway gw = TestGateway.start(dir.resolve("gw"), Map.of("paygate.notify.retry-schedule",
                List.of("300ms", "300ms", "300ms", "300ms", "300ms", "300ms", "300ms", "300ms", "300ms", "300ms")));
             CallbackServer cb = new CallbackServer().answer(503)) {
            MerchantInfo m = AdminClient.of(gw).provisionMerchant("cert-restart", dir).info();
            Config certConfig = SdkClients.certificateConfig(m, gw.apiPort());
            NativePayService nativePay = new NativePayService.Builder().config(certConfig)
                    .httpClient(SdkClients.httpClient(certConfig, gw.apiPort())).build();
            PrepayRequest req = new PrepayRequest();
            req.setAppid(m.appid());
            req.setMchid(m.mchid());
            req.setDescription("certificate mode across a restart");
            req.setOutTradeNo("RESTART_CERT_1");
            req.setNotifyUrl(cb.url("/cert"));
            Amount amount = new Amount();
            amount.setTotal(100);
            req.setAmount(amount);
            String codeUrl = nativePay.prepay(req).getCodeUrl();
            MerchantClient payerSide = new MerchantClient(m, gw.apiBaseUrl());
            String payer = payerSide.newPayer(10_000);
            assertThat(payerSide.sandbox("POST", "/sandbox/v1/payments",
                    "{\"openid\":\"" + payer + "\",\"code_url\":\"" + codeUrl + "\"}").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> cb.requests() >= 1);
            NotificationConfig sdk = (NotificationConfig) certConfig;
            assertThat(verifying(sdk, cb.received().get(0))).as("before the restart").isEqualTo(200);
            String id = Notifications.id(cb.received().get(0));

            int before = cb.requests();
            gw.restart();
            cb.answerEach(r -> verifying(sdk, r));
            await().atMost(Duration.ofSeconds(10)).until(() -> cb.requests() > before);
            assertThat(cb.received().get(before).header("Wechatpay-Serial")).as("the key that signs after the restart")
                    .isEqualToIgnoringCase(m.platformCertificateSerialNo());
            NotificationLog log = NotificationLog.of(gw);
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                JsonNode n = log.find(id);
                return n != null && n.path("status").asText().equals("DELIVERED");
            });
        }
    }
}
