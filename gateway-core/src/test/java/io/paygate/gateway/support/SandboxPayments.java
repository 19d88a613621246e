package io.paygate.gateway.support;

import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.cli.MerchantClient;
import java.util.Map;

/**
 * Sandbox money for notification tests: a merchant creates a Native order (signed), a sandbox payer
 * pays its code_url, and the merchant refunds it (signed); each step must succeed.
 */
public final class SandboxPayments {

    private SandboxPayments() {
    }

    /** Creates a Native order with this notify_url and has {@code payer} pay it; returns the payment's JSON. */
    public static Map<String, Object> payNative(MerchantClient m, String payer, String outTradeNo, long totalFen,
                                                String notifyUrl) {
        MerchantInfo info = m.info();
        String body = "{\"appid\":\"" + info.appid() + "\",\"mchid\":\"" + info.mchid() + "\",\"description\":\"notify\","
                + "\"out_trade_no\":\"" + outTradeNo + "\",\"notify_url\":\"" + notifyUrl + "\","
                + "\"amount\":{\"total\":" + totalFen + "}}";
        MerchantClient.Reply created = m.signed("POST", "/v3/pay/transactions/native", body);
        check(created, 200, "native order " + outTradeNo);
        String codeUrl = (String) created.json().get("code_url");
        MerchantClient.Reply paid = m.sandbox("POST", "/sandbox/v1/payments",
                "{\"openid\":\"" + payer + "\",\"code_url\":\"" + codeUrl + "\"}");
        check(paid, 200, "paying " + outTradeNo);
        return paid.json();
    }

    /** Refunds part of a paid order, naming a notify_url for the refund's outcome; returns the refund's JSON. */
    public static Map<String, Object> refund(MerchantClient m, String outTradeNo, String outRefundNo, long refundFen,
                                             long totalFen, String notifyUrl) {
        String body = "{\"out_trade_no\":\"" + outTradeNo + "\",\"out_refund_no\":\"" + outRefundNo + "\","
                + (notifyUrl == null ? "" : "\"notify_url\":\"" + notifyUrl + "\",")
                + "\"amount\":{\"refund\":" + refundFen + ",\"total\":" + totalFen + ",\"currency\":\"CNY\"}}";
        MerchantClient.Reply r = m.signed("POST", "/v3/refund/domestic/refunds", body);
        check(r, 200, "refund " + outRefundNo);
        return r.json();
    }

    /** Sets a sandbox wallet's status: ACTIVE, FROZEN (refunds fail: ABNORMAL) or CLOSED (refunds close). */
    public static void walletStatus(MerchantClient m, String openid, String status) {
        check(m.sandbox("POST", "/sandbox/v1/payers/" + openid + "/status", "{\"status\":\"" + status + "\"}"), 200,
                "wallet status " + status);
    }

    private static void check(MerchantClient.Reply r, int status, String what) {
        if (r.status() != status) {
            throw new AssertionError(what + ": " + r.status() + " " + r.body());
        }
    }
}
