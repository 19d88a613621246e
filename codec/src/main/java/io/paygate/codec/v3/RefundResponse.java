package io.paygate.codec.v3;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The Refund object of refund creation and query. */
@JsonPropertyOrder({"refund_id", "out_refund_no", "transaction_id", "out_trade_no", "channel", "user_received_account",
        "success_time", "create_time", "status", "funds_account", "amount", "promotion_detail"})
public record RefundResponse(String refundId, String outRefundNo, String transactionId, String outTradeNo,
                             String channel, String userReceivedAccount, String successTime, String createTime,
                             String status, String fundsAccount, Amount amount, List<Object> promotionDetail) {

    /** {@code amount}, all in fen. */
    @JsonPropertyOrder({"total", "refund", "from", "payer_total", "payer_refund", "settlement_refund",
            "settlement_total", "discount_refund", "currency", "refund_fee"})
    public record Amount(long total, long refund, List<Object> from, long payerTotal, long payerRefund,
                         long settlementRefund, long settlementTotal, long discountRefund, String currency,
                         long refundFee) {
    }
}
