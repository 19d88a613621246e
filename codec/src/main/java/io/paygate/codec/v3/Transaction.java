package io.paygate.codec.v3;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The Transaction object of order queries (and, later, payment notifications and codepay answers).
 * Fields that do not apply to an order's state are left null and therefore absent.
 */
@JsonPropertyOrder({"appid", "mchid", "out_trade_no", "transaction_id", "trade_type", "trade_state",
        "trade_state_desc", "bank_type", "attach", "success_time", "payer", "amount", "scene_info"})
public final class Transaction {
    public String appid;
    public String mchid;
    public String outTradeNo;
    public String transactionId;
    public String tradeType;
    public String tradeState;
    public String tradeStateDesc;
    public String bankType;
    public String attach;
    public String successTime;
    public Payer payer;
    public Amount amount;
    public SceneInfo sceneInfo;

    /** {@code payer}. */
    public record Payer(String openid) {
    }

    /** {@code amount}; {@code payer_total} only once paid. */
    @JsonPropertyOrder({"total", "payer_total", "currency", "payer_currency"})
    public record Amount(Long total, Long payerTotal, String currency, String payerCurrency) {
    }

    /** {@code scene_info}. */
    public record SceneInfo(String deviceId) {
    }
}
