package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByIdRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.Status;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.support.SdkClients;
import io.paygate.gateway.support.TestGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Money moves end to end: the official SDK creates a Native order, a sandbox payer pays it, the SDK
 * queries SUCCESS and refunds it in two parts; raw signed codepay flows; the ledger stays balanced.
 */
class MoneyFlowSystemTest {

    @TempDir
    static Path dir;
    static TestGateway gw;
    static MerchantInfo demo;
    static MerchantClient merchant;
    static NativePayService nativePay;
    static RefundService refunds;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start(dir, Map.of("paygate.codepay.userpaying-timeout", "2s", "paygate.ticker.interval", "100ms"));
        demo = gw.demo();
        merchant = new MerchantClient(demo, gw.apiBaseUrl());
        Config config = SdkClients.publicKeyConfig(demo);
        HttpClient http = SdkClients.httpClient(config, gw.apiPort());
        nativePay = new NativePayService.Builder().config(config).httpClient(http).build();
        refunds = new RefundService.Builder().config(config).httpClient(http).build();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static String nativeOrder(String outTradeNo, int total) {
        PrepayRequest r = new PrepayRequest();
        r.setAppid(demo.appid());
        r.setMchid(demo.mchid());
        r.setDescription("QR test");
        r.setOutTradeNo(outTradeNo);
        r.setNotifyUrl("https://merchant.example/notify");
        Amount a = new Amount();
        a.setTotal(total);
        r.setAmount(a);
        return nativePay.prepay(r).getCodeUrl();
    }

    static Transaction query(String outTradeNo) {
        QueryOrderByOutTradeNoRequest q = new QueryOrderByOutTradeNoRequest();
        q.setMchid(demo.mchid());
        q.setOutTradeNo(outTradeNo);
        return nativePay.queryOrderByOutTradeNo(q);
    }

    static Refund refund(String outTradeNo, String outRefundNo, long refund, long total) {
        CreateRequest r = new CreateRequest();
        r.setOutTradeNo(outTradeNo);
        r.setOutRefundNo(outRefundNo);
        r.setReason("test");
        AmountReq a = new AmountReq();
        a.setRefund(refund);
        a.setTotal(total);
        a.setCurrency("CNY");
        r.setAmount(a);
        return refunds.create(r);
    }

    static Map<String, Object> ledger() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.adminBaseUrl() + "/admin/v1/ledger"))
                        .header("Authorization", "Bearer " + gw.adminToken()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = io.paygate.codec.Json.mapper().readValue(r.body(), Map.class);
        return m;
    }

    @Test
    void nativePayThenTwoPartialRefundsThenOverRefundRefused() throws Exception {
        String payer = merchant.newPayer(10_000);
        String codeUrl = nativeOrder("MONEY_NATIVE_1", 1_000);
        MerchantClient.Reply paid = merchant.sandbox("POST", "/sandbox/v1/payments",
                "{\"openid\":\"" + payer + "\",\"code_url\":\"" + codeUrl + "\"}");
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.json()).containsEntry("trade_state", "SUCCESS");
        assertThat(merchant.balance(payer)).isEqualTo(9_000);

        Transaction t = query("MONEY_NATIVE_1");
        assertThat(t.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertThat(t.getTransactionId()).hasSize(28).startsWith("4200");
        assertThat(t.getPayer().getOpenid()).isEqualTo(payer);
        assertThat(t.getAmount().getPayerTotal()).isEqualTo(1_000);
        assertThat(t.getSuccessTime()).isNotNull();

        QueryOrderByIdRequest byId = new QueryOrderByIdRequest();
        byId.setMchid(demo.mchid());
        byId.setTransactionId(t.getTransactionId());
        assertThat(nativePay.queryOrderById(byId).getOutTradeNo()).isEqualTo("MONEY_NATIVE_1");

        Refund r1 = refund("MONEY_NATIVE_1", "MONEY_REFUND_1a", 300, 1_000);
        assertThat(r1.getStatus()).isEqualTo(Status.PROCESSING);
        Refund r2 = refund("MONEY_NATIVE_1", "MONEY_REFUND_1b", 200, 1_000);
        assertThat(r2.getRefundId()).isNotEqualTo(r1.getRefundId());
        assertThat(refund("MONEY_NATIVE_1", "MONEY_REFUND_1a", 300, 1_000).getRefundId()).isEqualTo(r1.getRefundId());

        assertThatThrownBy(() -> refund("MONEY_NATIVE_1", "MONEY_REFUND_1c", 501, 1_000))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getHttpStatusCode()).isEqualTo(400));

        QueryByOutRefundNoRequest q = new QueryByOutRefundNoRequest();
        q.setOutRefundNo("MONEY_REFUND_1a");
        await().atMost(Duration.ofSeconds(10)).until(() -> refunds.queryByOutRefundNo(q).getStatus() == Status.SUCCESS);
        await().atMost(Duration.ofSeconds(10)).until(() -> merchant.balance(payer) == 9_500);
        assertThat(query("MONEY_NATIVE_1").getTradeState()).isEqualTo(Transaction.TradeStateEnum.REFUND);
        Map<String, Object> ledger = ledger();
        assertThat(ledger).containsEntry("sum", 0).containsEntry("negative_accounts", 0);
    }

    static String codepayBody(String outTradeNo, String authCode, long total) {
        return "{\"appid\":\"" + demo.appid() + "\",\"mchid\":\"" + demo.mchid() + "\",\"description\":\"till\","
                + "\"out_trade_no\":\"" + outTradeNo + "\",\"payer\":{\"auth_code\":\"" + authCode + "\"},"
                + "\"amount\":{\"total\":" + total + ",\"currency\":\"CNY\"},"
                + "\"scene_info\":{\"store_info\":{\"id\":\"S001\"},\"device_id\":\"POS-1\"}}";
    }

    @Test
    void codepayWithinLimitSucceedsAboveLimitWaitsThenConfirmOrRevoke() {
        String payer = merchant.newPayer(1_000_000);
        MerchantClient.Reply ok = merchant.signed("POST", "/v3/pay/transactions/codepay",
                codepayBody("MONEY_CODE_1", merchant.authCode(payer), 500));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json()).containsEntry("trade_state", "SUCCESS").containsEntry("trade_type", "MICROPAY");

        MerchantClient.Reply waiting = merchant.signed("POST", "/v3/pay/transactions/codepay",
                codepayBody("MONEY_CODE_2", merchant.authCode(payer), 200_000));
        assertThat(waiting.status()).isEqualTo(202);
        assertThat(waiting.headers().firstValue("Wechatpay-Signature")).isPresent();
        assertThat(waiting.json()).containsEntry("trade_state", "USERPAYING").containsEntry("out_trade_no", "MONEY_CODE_2");
        MerchantClient.Reply confirmed = merchant.sandbox("POST", "/sandbox/v1/payers/" + payer + "/confirm",
                "{\"mchid\":\"" + demo.mchid() + "\",\"out_trade_no\":\"MONEY_CODE_2\"}");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(query("MONEY_CODE_2").getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);

        MerchantClient.Reply revokedLater = merchant.signed("POST", "/v3/pay/transactions/codepay",
                codepayBody("MONEY_CODE_3", merchant.authCode(payer), 200_000));
        assertThat(revokedLater.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> query("MONEY_CODE_3").getTradeState() == Transaction.TradeStateEnum.REVOKED);

        MerchantClient.Reply reversed = merchant.signed("POST", "/v3/pay/transactions/out-trade-no/MONEY_CODE_1/reverse",
                "{\"appid\":\"" + demo.appid() + "\",\"mchid\":\"" + demo.mchid() + "\"}");
        assertThat(reversed.status()).isEqualTo(200);
        assertThat(query("MONEY_CODE_1").getTradeState()).isEqualTo(Transaction.TradeStateEnum.REVOKED);
        assertThat(merchant.balance(payer)).isEqualTo(1_000_000 - 200_000);
    }
}
