package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Payment and refund notifications reach the merchant's notify_url, and the official wechatpay-java
 * SDK verifies and decrypts every one of them, in public-key mode and in certificate mode; the body
 * and headers have WeChat's shape; codepay payments announce nothing.
 */
class NotificationSystemTest {

    @TempDir
    static Path dir;
    static TestGateway gw;
    static MerchantInfo demo;
    static MerchantClient merchant;
    static CallbackServer callbacks;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start(dir, Map.of("paygate.notify.retry-schedule", List.of("200ms", "200ms"),
                "paygate.ticker.interval", "100ms"));
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

    @Test
    void certificateModeMerchantGetsNotificationsSignedWithThePlatformCertificate() throws Exception {
        // a merchant of its own: which platform key signs depends on the serial the merchant names
        MerchantInfo m = AdminClient.of(gw).provisionMerchant("cert-mode", dir).info();
        Config certConfig = SdkClients.certificateConfig(m, gw.apiPort()); // downloads /v3/certificates
        NativePayService nativePay = new NativePayService.Builder().config(certConfig)
                .httpClient(SdkClients.httpClient(certConfig, gw.apiPort())).build();
        try (CallbackServer cb = new CallbackServer()) {
            PrepayRequest req = new PrepayRequest();
            req.setAppid(m.appid());
            req.setMchid(m.mchid());
            req.setDescription("certificate mode");
            req.setOutTradeNo("NOTIFY_CERT_1");
            req.setNotifyUrl(cb.url("/cert"));
            Amount amount = new Amount();
            amount.setTotal(456);
            req.setAmount(amount);
            String codeUrl = nativePay.prepay(req).getCodeUrl(); // the SDK names the certificate serial
            MerchantClient payerSide = new MerchantClient(m, gw.apiBaseUrl());
            String payer = payerSide.newPayer(1_000);
            assertThat(payerSide.sandbox("POST", "/sandbox/v1/payments",
                    "{\"openid\":\"" + payer + "\",\"code_url\":\"" + codeUrl + "\"}").status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> cb.requests() >= 1);
            CallbackServer.Received r = cb.received().get(0);
            assertThat(r.header("Wechatpay-Serial")).as("signed with the certificate's key")
                    .isEqualToIgnoringCase(m.platformCertificateSerialNo());
            Transaction t = Notifications.parse((NotificationConfig) certConfig, r, Transaction.class);
            assertThat(t.getOutTradeNo()).isEqualTo("NOTIFY_CERT_1");
            assertThat(t.getMchid()).isEqualTo(m.mchid());
            assertThat(t.getAmount().getTotal()).isEqualTo(456);
            assertThat(t.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
            // and it is not the public key's signature: a public-key-mode parser does not know this serial
            assertThatThrownBy(() -> Notifications.parse((NotificationConfig) SdkClients.publicKeyConfig(m), r,
                    Transaction.class)).isInstanceOf(RuntimeException.class);
        }
    }

    @ParameterizedTest(name = "wallet {0} -> {1}")
    @CsvSource({"ACTIVE, REFUND.SUCCESS, SUCCESS, 退款成功",
            "FROZEN, REFUND.ABNORMAL, ABNORMAL, 退款异常",
            "CLOSED, REFUND.CLOSED, CLOSED, 退款关闭"})
    void refundOutcomeIsNotifiedAndParsedByTheSdk(String wallet, String eventType, Status refundStatus, String summary)
            throws Exception {
        try (CallbackServer cb = new CallbackServer()) {
            String payer = merchant.newPayer(10_000);
            String outTradeNo = "NOTIFY_RF_" + wallet;
            Map<String, Object> paid = SandboxPayments.payNative(merchant, payer, outTradeNo, 1_000, cb.url("/pay"));
            if (!wallet.equals("ACTIVE")) {
                SandboxPayments.walletStatus(merchant, payer, wallet);
            }
            Map<String, Object> refund = SandboxPayments.refund(merchant, outTradeNo, outTradeNo + "_R", 300, 1_000,
                    cb.url("/refund"));
            assertThat(refund).containsEntry("status", "PROCESSING");

            // settles on the next tick
            await().atMost(Duration.ofSeconds(10)).until(() -> received(cb, "/refund").size() >= 1);
            CallbackServer.Received r = received(cb, "/refund").get(0);
            JsonNode body = Notifications.body(r);
            assertThat(body.path("event_type").asText()).isEqualTo(eventType);
            assertThat(body.path("summary").asText()).isEqualTo(summary);
            assertThat(body.path("resource").path("original_type").asText()).isEqualTo("refund");
            assertThat(body.path("resource").path("associated_data").asText()).isEqualTo("refund");

            RefundNotification n = Notifications.parse((NotificationConfig) SdkClients.publicKeyConfig(demo), r,
                    RefundNotification.class);
            assertThat(n.getRefundStatus()).isEqualTo(refundStatus);
            assertThat(n.getOutTradeNo()).isEqualTo(outTradeNo);
            assertThat(n.getOutRefundNo()).isEqualTo(outTradeNo + "_R");
            assertThat(n.getRefundId()).isEqualTo(refund.get("refund_id"));
            assertThat(n.getTransactionId()).isEqualTo(paid.get("transaction_id")).isNotBlank();
            assertThat(n.getAmount().getTotal()).isEqualTo(1_000L);
            assertThat(n.getAmount().getRefund()).isEqualTo(300L);
            assertThat(n.getAmount().getPayerTotal()).isEqualTo(1_000L);
            assertThat(n.getAmount().getPayerRefund()).isEqualTo(300L);
            if (refundStatus == Status.SUCCESS) {
                assertThat(n.getSuccessTime()).isNotBlank();
                assertThat(n.getUserReceivedAccount()).isNotBlank();
            } else {
                assertThat(n.getSuccessTime()).isNull();
            }
        }
    }

    @Test
    void bodyAndHeadersHaveWeChatsShapeAndEveryAttemptHasAFreshNonce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (CallbackServer cb = new CallbackServer().answer(() -> calls.incrementAndGet() == 1 ? 500 : 200)) {
            String payer = merchant.newPayer(10_000);
            SandboxPayments.payNative(merchant, payer, "NOTIFY_SHAPE_1", 777, cb.url("/shape"));
            await().atMost(Duration.ofSeconds(10)).until(() -> cb.requests() >= 2);
            List<CallbackServer.Received> attempts = cb.received();
            long now = System.currentTimeMillis() / 1000;
            List<String> resourceNonces = new ArrayList<>();
            for (CallbackServer.Received r : attempts.subList(0, 2)) {
                JsonNode body = Notifications.body(r);
                assertThat(fieldNames(body)).containsExactlyInAnyOrder("id", "create_time", "resource_type",
                        "event_type", "summary", "resource");
                assertThat(body.path("id").asText()).matches("EV-\\d{19}");
                assertThat(body.path("create_time").asText())
                        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}");
                assertThat(body.path("resource_type").asText()).isEqualTo("encrypt-resource");
                assertThat(body.path("event_type").asText()).isEqualTo("TRANSACTION.SUCCESS");
                assertThat(body.path("summary").asText()).isEqualTo("支付成功");
                JsonNode res = body.path("resource");
                assertThat(fieldNames(res)).containsExactlyInAnyOrder("original_type", "algorithm", "ciphertext",
                        "associated_data", "nonce");
                assertThat(res.path("algorithm").asText()).isEqualTo("AEAD_AES_256_GCM");
                assertThat(res.path("original_type").asText()).isEqualTo("transaction");
                assertThat(res.path("associated_data").asText()).isEqualTo(res.path("original_type").asText());
                assertThat(res.path("nonce").asText()).hasSize(12);
                assertThat(res.path("ciphertext").asText()).matches("[A-Za-z0-9+/]+={0,2}");
                resourceNonces.add(res.path("nonce").asText());

                assertThat(r.header("Content-Type")).startsWith("application/json");
                assertThat(r.header("Wechatpay-Signature-Type")).isEqualTo("WECHATPAY2-SHA256-RSA2048");
                assertThat(r.header("Wechatpay-Serial")).isEqualTo(demo.platformPublicKeyId());
                assertThat(r.header("Wechatpay-Nonce")).isNotBlank();
                assertThat(r.header("Wechatpay-Signature")).isNotBlank();
                assertThat(r.header("Request-ID")).isNotBlank();
                assertThat(Long.parseLong(r.header("Wechatpay-Timestamp"))).isBetween(now - 300, now + 300);
                Transaction t = Notifications.parse((NotificationConfig) SdkClients.publicKeyConfig(demo), r,
                        Transaction.class);
                assertThat(t.getOutTradeNo()).isEqualTo("NOTIFY_SHAPE_1");
            }
            CallbackServer.Received first = attempts.get(0);
            CallbackServer.Received retry = attempts.get(1);
            assertThat(Notifications.id(retry)).as("a retry is the same notification").isEqualTo(Notifications.id(first));
            assertThat(resourceNonces.get(1)).as("fresh AES-GCM nonce per attempt").isNotEqualTo(resourceNonces.get(0));
            assertThat(retry.header("Wechatpay-Nonce")).isNotEqualTo(first.header("Wechatpay-Nonce"));
            assertThat(retry.header("Request-ID")).isNotEqualTo(first.header("Request-ID"));
        }
    }

    @Test
    void codepayPaymentsSendNoNotificationButTheirRefundsDo() throws Exception {
        try (CallbackServer cb = new CallbackServer()) {
            String payer = merchant.newPayer(1_000_000);
            // a notify_url in a codepay request is ignored: the merchant has the answer already
            MerchantClient.Reply paid = merchant.signed("POST", "/v3/pay/transactions/codepay",
                    codepayBody("NOTIFY_CODE_1", merchant.authCode(payer), 500, cb.url("/codepay")));
            assertThat(paid.status()).isEqualTo(200);
            assertThat(paid.json()).containsEntry("trade_state", "SUCCESS");
            MerchantClient.Reply waiting = merchant.signed("POST", "/v3/pay/transactions/codepay",
                    codepayBody("NOTIFY_CODE_2", merchant.authCode(payer), 200_000, cb.url("/codepay")));
            assertThat(waiting.status()).isEqualTo(202);
            assertThat(merchant.sandbox("POST", "/sandbox/v1/payers/" + payer + "/confirm",
                    "{\"mchid\":\"" + demo.mchid() + "\",\"out_trade_no\":\"NOTIFY_CODE_2\"}").status()).isEqualTo(200);
            SandboxPayments.refund(merchant, "NOTIFY_CODE_1", "NOTIFY_CODE_1_R", 100, 500, cb.url("/code-refund"));
            // a later Native payment: its event comes after the codepay ones in the event log
            SandboxPayments.payNative(merchant, payer, "NOTIFY_CODE_3", 300, cb.url("/native"));

            await().atMost(Duration.ofSeconds(10)).until(() -> received(cb, "/native").size() >= 1
                    && received(cb, "/code-refund").size() >= 1);
            assertThat(received(cb, "/codepay")).isEmpty();
            assertThat(NotificationLog.of(gw).ofMerchant(demo.mchid()))
                    .noneMatch(n -> n.path("notify_url").asText().endsWith("/codepay"));
            RefundNotification refund = Notifications.parse((NotificationConfig) SdkClients.publicKeyConfig(demo),
                    received(cb, "/code-refund").get(0), RefundNotification.class);
            assertThat(refund.getOutTradeNo()).isEqualTo("NOTIFY_CODE_1");
            assertThat(refund.getRefundStatus()).isEqualTo(Status.SUCCESS);
        }
    }

    static String codepayBody(String outTradeNo, String authCode, long total, String notifyUrl) {
        return "{\"appid\":\"" + demo.appid() + "\",\"mchid\":\"" + demo.mchid() + "\",\"description\":\"till\","
                + "\"out_trade_no\":\"" + outTradeNo + "\",\"payer\":{\"auth_code\":\"" + authCode + "\"},"
                + "\"notify_url\":\"" + notifyUrl + "\","
                + "\"amount\":{\"total\":" + total + ",\"currency\":\"CNY\"},"
                + "\"scene_info\":{\"store_info\":{\"id\":\"S001\"},\"device_id\":\"POS-1\"}}";
    }

    static List<CallbackServer.Received> received(CallbackServer cb, String path) {
        return cb.received().stream().filter(r -> r.path().equals(path)).toList();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
