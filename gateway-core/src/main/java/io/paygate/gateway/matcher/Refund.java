package io.paygate.gateway.matcher;

/**
 * A refund of (part of) a paid order. Like {@link Order}, the class doubles as the result view that
 * the matcher copies into a ring slot.
 */
public final class Refund {
    public String mchid;
    /** The service provider of the order's sub-merchant when the order was placed through it, or null. */
    public String spMchid;
    public String outRefundNo;
    public String refundId;
    public String outTradeNo;
    public String transactionId;
    public long refundFen;
    public long orderTotalFen;
    /** The part of the merchant's fee given back with this refund. */
    public long feeRefundFen;
    /** The part of {@link #feeRefundFen} that came back from the service provider's commission. */
    public long commissionRefundFen;
    public String reason;
    public String notifyUrl;
    public RefundStatus status;
    public long createdAtMillis;
    public long createdSequence;
    public long successTimeMillis;

    /** Copies every field of {@code src} (a live refund) into this view. */
    public Refund copyFrom(Refund src) {
        mchid = src.mchid;
        spMchid = src.spMchid;
        outRefundNo = src.outRefundNo;
        refundId = src.refundId;
        outTradeNo = src.outTradeNo;
        transactionId = src.transactionId;
        refundFen = src.refundFen;
        orderTotalFen = src.orderTotalFen;
        feeRefundFen = src.feeRefundFen;
        commissionRefundFen = src.commissionRefundFen;
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
