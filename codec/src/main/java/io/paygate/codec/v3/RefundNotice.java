package io.paygate.codec.v3;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The plaintext of a refund notification (REFUND.SUCCESS / ABNORMAL / CLOSED): {@code mchid} for a
 * direct merchant, {@code sp_mchid} and {@code sub_mchid} for a partner order.
 */
@JsonPropertyOrder({"mchid", "sp_mchid", "sub_mchid", "out_trade_no", "transaction_id", "out_refund_no", "refund_id", "refund_status",
        "success_time", "user_received_account", "amount"})
public record RefundNotice(String mchid, String spMchid, String subMchid, String outTradeNo, String transactionId, String outRefundNo, String refundId,
                           String refundStatus, String successTime, String userReceivedAccount, Amount amount) {

    /** {@code amount}, in fen. */
    @JsonPropertyOrder({"total", "refund", "payer_total", "payer_refund"})
    public record Amount(long total, long refund, long payerTotal, long payerRefund) {
    }
}
