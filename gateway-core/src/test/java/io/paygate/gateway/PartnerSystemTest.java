package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.partnerpayments.jsapi.JsapiService;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.Payer;
import com.wechat.pay.java.service.partnerpayments.nativepay.NativePayService;
import com.wechat.pay.java.service.partnerpayments.nativepay.model.Amount;
import com.wechat.pay.java.service.partnerpayments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.partnerpayments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.partnerpayments.nativepay.model.QueryOrderByIdRequest;
import com.wechat.pay.java.service.partnerpayments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.partnerpayments.nativepay.model.Transaction;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.support.AdminClient;
import io.paygate.gateway.support.CallbackServer;
import io.paygate.gateway.support.Notifications;
import io.paygate.gateway.support.SdkClients;
import io.paygate.gateway.support.SignedClient;
import io.paygate.gateway.support.TestGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service-provider (服务商) mode through the official wechatpay-java partner services: a provider
 * provisioned through admin signs for its sub-merchants (Native and JSAPI prepay, pay in the sandbox,
 * query by out_trade_no and by transaction_id, close, refund with sub_mchid), receives the partner
 * notifications, and may act for its own sub-merchants only.
 */
class PartnerSystemTest {

    @TempDir
    static Path dir;
    static TestGateway gw;
    static AdminClient admin;
    static MerchantInfo sp;
    static MerchantInfo otherSp;
    static String sub;
    static String otherSub;
    static Config spConfig;
    static MerchantClient payerSide;
    static CallbackServer callbacks;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start(dir, Map.of("paygate.notify.retry-schedule", List.of("200ms"),
                "paygate.ticker.interval", "100ms"));
        admin = AdminClient.of(gw);
        sp = admin.provisionServiceProvider("acquiring-bank", dir).info();
        otherSp = admin.provisionServiceProvider("other-bank", dir).info();
        JsonNode created = admin.subMerchant(sp.mchid(), "noodle shop", 6_000L, 250_000L);
        sub = created.path("sub_mchid").asText();
        otherSub = admin.subMerchant(otherSp.mchid(), "tea shop", null, null).path("sub_mchid").asText();
        spConfig = SdkClients.publicKeyConfig(sp);
        payerSide = new MerchantClient(gw.demo(), gw.apiBaseUrl());
        callbacks = new CallbackServer();
    }

    @AfterAll
    static void stop() {
        gw.close();
        callbacks.close();
    }

    static NativePayService nativePay(Config config) {
        return new NativePayService.Builder().config(config).httpClient(SdkClients.httpClient(config, gw.apiPort()))
                .build();
    }

    static PrepayRequest prepay(MerchantInfo provider, String subMchid, String outTradeNo, int total) {
        PrepayRequest req = new PrepayRequest();
        req.setSpAppid(provider.appid());
        req.setSpMchid(provider.mchid());
        req.setSubMchid(subMchid);
        req.setDescription("partner order");
        req.setOutTradeNo(outTradeNo);
        req.setNotifyUrl(callbacks.url("/sp/notify"));
        Amount amount = new Amount();
        amount.setTotal(total);
        req.setAmount(amount);
        return req;
    }

    static QueryOrderByOutTradeNoRequest query(String outTradeNo) {
        QueryOrderByOutTradeNoRequest q = new QueryOrderByOutTradeNoRequest();
        q.setSpMchid(sp.mchid());
        q.setSubMchid(sub);
        q.setOutTradeNo(outTradeNo);
        return q;
    }

    static String payWithCodeUrl(String codeUrl) {
        String payer = payerSide.newPayer(100_000);
        MerchantClient.Reply paid = payerSide.sandbox("POST", "/sandbox/v1/payments",
                "{\"openid\":\"" + payer + "\",\"code_url\":\"" + codeUrl + "\"}");
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        return payer;
    }

    @Test
    void subMerchantProvisioningAnswersItsTerms() {
        JsonNode j = admin.subMerchant(sp.mchid(), "bakery", 3_000L, 100_000L);
        assertThat(j.path("sp_mchid").asText()).isEqualTo(sp.mchid());
        assertThat(j.path("sub_mchid").asText()).matches("\\d{10}").isNotEqualTo(sp.mchid());
        assertThat(j.path("sub_appid").asText()).startsWith("wx");
        assertThat(j.path("fee_rate_ppm").asLong()).isEqualTo(3_000);
        assertThat(j.path("commission_ppm").asLong()).isEqualTo(100_000);
        // a direct merchant cannot have sub-merchants; rates are bounded
        SignedClient.Response ofDirect = admin.send("POST", "/admin/v1/service-providers/" + gw.demo().mchid()
                + "/sub-merchants", "{\"name\":\"x\"}");
        assertThat(ofDirect.status()).isEqualTo(403);
        assertThat(ofDirect.json().path("code").asText()).isEqualTo("NO_AUTH");
        SignedClient.Response badRate = admin.send("POST", "/admin/v1/service-providers/" + sp.mchid()
                + "/sub-merchants", "{\"name\":\"x\",\"commission_ppm\":1000001}");
        assertThat(badRate.status()).isEqualTo(400);
        assertThat(badRate.json().path("code").asText()).isEqualTo("PARAM_ERROR");
    }

    @Test
    void nativeOrderIsPaidQueriedInThePartnerShapeAndNotifiedToTheProvider() {
        NativePayService pay = nativePay(spConfig);
        String codeUrl = pay.prepay(prepay(sp, sub, "SP_NATIVE_1", 2_500)).getCodeUrl();
        assertThat(codeUrl).startsWith("weixin://wxpay/bizpayurl?pr=");
        assertThat(pay.queryOrderByOutTradeNo(query("SP_NATIVE_1")).getTradeState())
                .isEqualTo(Transaction.TradeStateEnum.NOTPAY);

        String payer = payWithCodeUrl(codeUrl);
        Transaction t = pay.queryOrderByOutTradeNo(query("SP_NATIVE_1"));
        assertThat(t.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertThat(t.getSpMchid()).isEqualTo(sp.mchid());
        assertThat(t.getSubMchid()).isEqualTo(sub);
        assertThat(t.getSpAppid()).isEqualTo(sp.appid());
        assertThat(t.getPayer().getSpOpenid()).isEqualTo(payer);
        assertThat(t.getAmount().getTotal()).isEqualTo(2_500);

        QueryOrderByIdRequest byId = new QueryOrderByIdRequest();
        byId.setSpMchid(sp.mchid());
        byId.setSubMchid(sub);
        byId.setTransactionId(t.getTransactionId());
        assertThat(pay.queryOrderById(byId).getOutTradeNo()).isEqualTo("SP_NATIVE_1");

        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.received().stream()
                .anyMatch(r -> r.body().contains("TRANSACTION.SUCCESS") && parse(r, Transaction.class) != null
                        && "SP_NATIVE_1".equals(parse(r, Transaction.class).getOutTradeNo())));
        CallbackServer.Received r = callbacks.received().stream()
                .filter(x -> x.body().contains("TRANSACTION.SUCCESS")
                        && "SP_NATIVE_1".equals(parse(x, Transaction.class).getOutTradeNo()))
                .findFirst().orElseThrow();
        Transaction notified = parse(r, Transaction.class); // verified with the platform key, decrypted with the SP's APIv3 key
        assertThat(notified.getSpMchid()).isEqualTo(sp.mchid());
        assertThat(notified.getSubMchid()).isEqualTo(sub);
        assertThat(notified.getPayer().getSpOpenid()).isEqualTo(payer);
        assertThat(notified.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
    }

    static <T> T parse(CallbackServer.Received r, Class<T> type) {
        try {
            return Notifications.parse((RSAPublicKeyConfig) spConfig, r, type);
        } catch (RuntimeException e) {
            return null; // not for this provider (another test's merchant) or not this type
        }
    }

    @Test
    void jsapiOrderForASpOpenidIsPaidByThatPayerOnly() {
        JsapiService jsapi = new JsapiService.Builder().config(spConfig)
                .httpClient(SdkClients.httpClient(spConfig, gw.apiPort())).build();
        String payer = payerSide.newPayer(10_000);
        com.wechat.pay.java.service.partnerpayments.jsapi.model.PrepayRequest req =
                new com.wechat.pay.java.service.partnerpayments.jsapi.model.PrepayRequest();
        req.setSpAppid(sp.appid());
        req.setSpMchid(sp.mchid());
        req.setSubMchid(sub);
        req.setDescription("jsapi partner");
        req.setOutTradeNo("SP_JSAPI_1");
        req.setNotifyUrl(callbacks.url("/sp/jsapi"));
        com.wechat.pay.java.service.partnerpayments.jsapi.model.Amount amount =
                new com.wechat.pay.java.service.partnerpayments.jsapi.model.Amount();
        amount.setTotal(800);
        req.setAmount(amount);
        Payer p = new Payer();
        p.setSpOpenid(payer);
        req.setPayer(p);
        String prepayId = jsapi.prepay(req).getPrepayId();
        assertThat(prepayId).startsWith("wx");

        String stranger = payerSide.newPayer(10_000);
        assertThat(payerSide.sandbox("POST", "/sandbox/v1/payments",
                "{\"openid\":\"" + stranger + "\",\"prepay_id\":\"" + prepayId + "\"}").status()).isEqualTo(403);
        assertThat(payerSide.sandbox("POST", "/sandbox/v1/payments",
                "{\"openid\":\"" + payer + "\",\"prepay_id\":\"" + prepayId + "\"}").status()).isEqualTo(200);
        com.wechat.pay.java.service.partnerpayments.jsapi.model.QueryOrderByOutTradeNoRequest q =
                new com.wechat.pay.java.service.partnerpayments.jsapi.model.QueryOrderByOutTradeNoRequest();
        q.setSpMchid(sp.mchid());
        q.setSubMchid(sub);
        q.setOutTradeNo("SP_JSAPI_1");
        com.wechat.pay.java.service.partnerpayments.jsapi.model.Transaction t = jsapi.queryOrderByOutTradeNo(q);
        assertThat(t.getTradeState().name()).isEqualTo("SUCCESS");
        assertThat(t.getTradeType().name()).isEqualTo("JSAPI");
        assertThat(t.getPayer().getSpOpenid()).isEqualTo(payer);
    }

    @Test
    void closeThroughTheProvider() {
        NativePayService pay = nativePay(spConfig);
        pay.prepay(prepay(sp, sub, "SP_CLOSE_1", 100));
        CloseOrderRequest close = new CloseOrderRequest();
        close.setSpMchid(sp.mchid());
        close.setSubMchid(sub);
        close.setOutTradeNo("SP_CLOSE_1");
        pay.closeOrder(close);
        assertThat(pay.queryOrderByOutTradeNo(query("SP_CLOSE_1")).getTradeState())
                .isEqualTo(Transaction.TradeStateEnum.CLOSED);
    }

    @Test
    void refundWithSubMchidAndItsNotification() {
        NativePayService pay = nativePay(spConfig);
        String codeUrl = pay.prepay(prepay(sp, sub, "SP_REFUND_1", 5_000)).getCodeUrl();
        payWithCodeUrl(codeUrl);
        RefundService refunds = new RefundService.Builder().config(spConfig)
                .httpClient(SdkClients.httpClient(spConfig, gw.apiPort())).build();
        CreateRequest req = new CreateRequest();
        req.setSubMchid(sub);
        req.setOutTradeNo("SP_REFUND_1");
        req.setOutRefundNo("SP_R_1");
        req.setNotifyUrl(callbacks.url("/sp/refund"));
        AmountReq amount = new AmountReq();
        amount.setRefund(2_000L);
        amount.setTotal(5_000L);
        amount.setCurrency("CNY");
        req.setAmount(amount);
        Refund created = refunds.create(req);
        assertThat(created.getOutRefundNo()).isEqualTo("SP_R_1");

        QueryByOutRefundNoRequest q = new QueryByOutRefundNoRequest();
        q.setSubMchid(sub);
        q.setOutRefundNo("SP_R_1");
        await().atMost(Duration.ofSeconds(10)).until(() -> refunds.queryByOutRefundNo(q).getStatus() == Status.SUCCESS);

        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.received().stream()
                .anyMatch(r -> r.path().equals("/sp/refund")));
        CallbackServer.Received r = callbacks.received().stream().filter(x -> x.path().equals("/sp/refund"))
                .findFirst().orElseThrow();
        assertThat(r.body()).contains("REFUND.SUCCESS");
        RefundNotification n = parse(r, RefundNotification.class);
        assertThat(n).isNotNull();
        assertThat(n.getOutRefundNo()).isEqualTo("SP_R_1");
        assertThat(n.getRefundStatus()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void aProviderActsForItsOwnSubMerchantsOnly() {
        NativePayService pay = nativePay(spConfig);
        // another provider's sub-merchant
        assertThatThrownBy(() -> pay.prepay(prepay(sp, otherSub, "SP_FOREIGN_1", 100)))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(403);
                    assertThat(e.getErrorCode()).isEqualTo("NO_AUTH");
                });
        // naming another provider as sp_mchid while signing as this one
        assertThatThrownBy(() -> pay.prepay(prepay(otherSp, otherSub, "SP_FOREIGN_2", 100)))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NO_AUTH"));
        // a direct merchant is no provider, even for a real sub-merchant
        Config direct = SdkClients.publicKeyConfig(gw.demo());
        MerchantInfo demo = gw.demo();
        PrepayRequest asProvider = prepay(demo, sub, "SP_DIRECT_1", 100);
        assertThatThrownBy(() -> nativePay(direct).prepay(asProvider))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NO_AUTH"));
        // queries and refunds are guarded the same way
        QueryOrderByOutTradeNoRequest foreign = new QueryOrderByOutTradeNoRequest();
        foreign.setSpMchid(sp.mchid());
        foreign.setSubMchid(otherSub);
        foreign.setOutTradeNo("SP_ANY_1");
        assertThatThrownBy(() -> pay.queryOrderByOutTradeNo(foreign))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NO_AUTH"));
        RefundService refunds = new RefundService.Builder().config(spConfig)
                .httpClient(SdkClients.httpClient(spConfig, gw.apiPort())).build();
        CreateRequest refund = new CreateRequest();
        refund.setSubMchid(otherSub);
        refund.setOutTradeNo("SP_ANY_1");
        refund.setOutRefundNo("SP_R_FOREIGN");
        AmountReq amount = new AmountReq();
        amount.setRefund(1L);
        amount.setTotal(1L);
        amount.setCurrency("CNY");
        refund.setAmount(amount);
        assertThatThrownBy(() -> refunds.create(refund))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NO_AUTH"));
    }

    @Test
    void codepayAndReverseThroughTheProvider() {
        MerchantClient provider = new MerchantClient(sp, gw.apiBaseUrl()); // signs with the provider's key
        String payer = payerSide.newPayer(10_000);
        String code = payerSide.authCode(payer);
        String body = "{\"sp_appid\":\"" + sp.appid() + "\",\"sp_mchid\":\"" + sp.mchid() + "\",\"sub_mchid\":\""
                + sub + "\",\"description\":\"scan\",\"out_trade_no\":\"SP_CODEPAY_1\",\"amount\":{\"total\":300},"
                + "\"payer\":{\"auth_code\":\"" + code + "\"},\"scene_info\":{\"store_info\":{\"id\":\"S1\"}}}";
        MerchantClient.Reply paid = provider.signed("POST", "/v3/pay/partner/transactions/codepay", body);
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        Map<String, Object> t = paid.json();
        assertThat(t).containsEntry("sp_mchid", sp.mchid()).containsEntry("sub_mchid", sub)
                .containsEntry("trade_state", "SUCCESS").doesNotContainKey("mchid");
        assertThat(payerSide.sandbox("GET", "/sandbox/v1/payers/" + payer, null).json()).containsEntry("balance", 9_700);

        MerchantClient.Reply reversed = provider.signed("POST",
                "/v3/pay/partner/transactions/out-trade-no/SP_CODEPAY_1/reverse",
                "{\"sp_mchid\":\"" + sp.mchid() + "\",\"sub_mchid\":\"" + sub + "\",\"sp_appid\":\"" + sp.appid() + "\"}");
        assertThat(reversed.status()).as(reversed.body()).isEqualTo(200);
        assertThat(reversed.json()).containsEntry("sp_mchid", sp.mchid()).containsEntry("sub_mchid", sub)
                .containsEntry("out_trade_no", "SP_CODEPAY_1");
        assertThat(payerSide.sandbox("GET", "/sandbox/v1/payers/" + payer, null).json()).containsEntry("balance", 10_000);

        // the partner path needs the partner body: a direct body names no sub_mchid
        MerchantClient.Reply directBody = provider.signed("POST", "/v3/pay/partner/transactions/native",
                "{\"appid\":\"" + sp.appid() + "\",\"mchid\":\"" + sp.mchid() + "\",\"description\":\"x\","
                        + "\"out_trade_no\":\"SP_BAD_BODY\",\"notify_url\":\"https://example.com/n\",\"amount\":{\"total\":1}}");
        assertThat(directBody.status()).isEqualTo(400);
        assertThat(directBody.json()).containsEntry("code", "PARAM_ERROR");
        assertThat((String) directBody.json().get("message")).contains("sp_mchid");
    }

    @Test
    void theLedgerStaysBalanced() {
        NativePayService pay = nativePay(spConfig);
        payWithCodeUrl(pay.prepay(prepay(sp, sub, "SP_LEDGER_1", 12_345)).getCodeUrl());
        SignedClient.Response ledger = admin.send("GET", "/admin/v1/ledger", null);
        assertThat(ledger.json().path("sum").asLong()).isZero();
        assertThat(ledger.json().path("negative_accounts").asLong()).isZero();
    }
}
