package io.paygate.gateway.matcher;

/**
 * A refund of (part of) a paid order. Like {@link Order}, the class doubles as the result view that
 * the matcher copies into a ring slot.
 */
public final class Refund {
    public String mchid;
    public String outRefundNo;
    public String refundId;
    public String outTradeNo;
    public String transactionId;
    public long refundFen;
    public long orderTotalFen;
    /** The part of the merchant's fee given back with this refund. */
    public long feeRefundFen;
    public String reason;
    public String notifyUrl;
    public RefundStatus status;
    public long createdAtMillis;
    public long createdSequence;
    public long successTimeMillis;

    /** Copies every field of {@code src} (a live refund) into this view. */
    public Refund copyFrom(Refund src) {
        mchid = src.mchid;
        outRefundNo = src.outRefundNo;
        refundId = src.refundId;
        outTradeNo = src.outTradeNo;
        transactionId = src.transactionId;
        refundFen = src.refundFen;
        orderTotalFen = src.orderTotalFen;
        feeRefundFen = src.feeRefundFen;
        reason = src.reason;
        notifyUrl = src.notifyUrl;
        status = src.status;
        createdAtMillis = src.createdAtMillis;
        createdSequence = src.createdSequence;
        successTimeMillis = src.successTimeMillis;
        return this;
    }

    @Override
    public String toString() {
        return "Refund[" + mchid + "/" + outRefundNo + " " + status + "]";
    }
}
