package io.paygate.codec.v3;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The Transaction object of order queries (and, later, payment notifications and codepay answers).
 * Fields that do not apply to an order's state are left null and therefore absent.
 */
@JsonPropertyOrder({"appid", "mchid", "sp_appid", "sp_mchid", "sub_appid", "sub_mchid", "out_trade_no", "transaction_id", "trade_type", "trade_state",
        "trade_state_desc", "bank_type", "attach", "success_time", "payer", "amount", "scene_info"})
public final class Transaction {
    public String appid;
    public String mchid;
    /** Partner orders carry these four instead of appid and mchid. */
    public String spAppid;
    public String spMchid;
    public String subAppid;
    public String subMchid;
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
    /** {@code openid} for a direct order; {@code sp_openid} or {@code sub_openid} for a partner one. */
    public record Payer(String openid, String spOpenid, String subOpenid) {
        public Payer(String openid) {
            this(openid, null, null);
        }
    }

    /** {@code amount}; {@code payer_total} only once paid. */
    @JsonPropertyOrder({"total", "payer_total", "currency", "payer_currency"})
    public record Amount(Long total, Long payerTotal, String currency, String payerCurrency) {
    }

    /** {@code scene_info}. */
    public record SceneInfo(String deviceId) {
    }
}
