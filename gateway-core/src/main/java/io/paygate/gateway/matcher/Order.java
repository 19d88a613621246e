package io.paygate.gateway.matcher;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.TradeType;
import java.util.Objects;

/**
 * An order: what the merchant asked for (the terms), and where it stands (the state).
 *
 * <p>The same class serves as a result view: a ring slot holds a pre-allocated {@code Order} that
 * the matcher fills with {@link #copyFrom(Order)}, so later stages on other threads read a stable
 * copy while the matcher goes on mutating the live order. Only the matcher writes live orders.
 */
public final class Order {
    // terms, fixed at creation
    public String mchid;
    public String appid;
    /** The service provider a partner order was placed through (then {@link #appid} is its sp_appid). */
    public String spMchid;
    public String subAppid;
    public String outTradeNo;
    public TradeType tradeType;
    public String description;
    public String attach;
    public String notifyUrl;
    public String goodsTag;
    public long timeExpireMillis;
    public long totalFen;
    /** JSAPI: the only payer allowed to pay. */
    public String requiredOpenid;
    public String deviceId;
    public String payerClientIp;
    public String storeId;
    public long flags;
    /** code_url token, prepay_id or the h5 token, drawn by the acceptor. */
    public String token;
    public long createdAtMillis;
    public long createdSequence;
    /** NOTPAY: when the order lapses (auto-closed); USERPAYING: when it is revoked. */
    public long deadlineMillis;

    // state
    public TradeState state;
    public String transactionId;
    public String payerOpenid;
    public long payerTotalFen;
    public long successTimeMillis;
    public long closedAtMillis;
    /** The merchant's fee on this payment, and how much of it refunds gave back. */
    public long feeFen;
    public long feeRefundedFen;
    /** The service provider's share of {@link #feeFen}, and how much of it went back with refunds. */
    public long commissionFen;
    public long commissionRefundedFen;
    public long refundedFen;
    public long refundCount;

    /** Copies every field of {@code src} (a live order) into this view. */
    public Order copyFrom(Order src) {
        mchid = src.mchid;
        appid = src.appid;
        spMchid = src.spMchid;
        subAppid = src.subAppid;
        outTradeNo = src.outTradeNo;
        tradeType = src.tradeType;
        description = src.description;
        attach = src.attach;
        notifyUrl = src.notifyUrl;
        goodsTag = src.goodsTag;
        timeExpireMillis = src.timeExpireMillis;
        totalFen = src.totalFen;
        requiredOpenid = src.requiredOpenid;
        deviceId = src.deviceId;
        payerClientIp = src.payerClientIp;
        storeId = src.storeId;
        flags = src.flags;
        token = src.token;
        createdAtMillis = src.createdAtMillis;
        createdSequence = src.createdSequence;
        state = src.state;
        transactionId = src.transactionId;
        payerOpenid = src.payerOpenid;
        payerTotalFen = src.payerTotalFen;
        successTimeMillis = src.successTimeMillis;
        closedAtMillis = src.closedAtMillis;
        deadlineMillis = src.deadlineMillis;
        feeFen = src.feeFen;
        feeRefundedFen = src.feeRefundedFen;
        commissionFen = src.commissionFen;
        commissionRefundedFen = src.commissionRefundedFen;
        refundedFen = src.refundedFen;
        refundCount = src.refundCount;
        return this;
    }

    /** Fills the terms of a new order from a CREATE_ORDER command. */
    void initFrom(Command cmd) {
        mchid = cmd.mchid;
        appid = cmd.appid;
        spMchid = cmd.spMchid;
        subAppid = cmd.subAppid;
        outTradeNo = cmd.outTradeNo;
        tradeType = cmd.tradeType;
        description = cmd.description;
        attach = cmd.attach;
        notifyUrl = cmd.notifyUrl;
        goodsTag = cmd.goodsTag;
        timeExpireMillis = cmd.timeExpireMillis;
        totalFen = cmd.amountFen;
        requiredOpenid = cmd.openid;
        deviceId = cmd.deviceId;
        payerClientIp = cmd.payerClientIp;
        storeId = cmd.storeId;
        flags = cmd.flags;
        token = cmd.token;
        createdAtMillis = cmd.acceptedAtMillis;
        createdSequence = cmd.sequence;
        deadlineMillis = cmd.deadlineMillis;
        state = TradeState.NOTPAY;
    }

    /**
     * Whether a repeated CREATE_ORDER asks for exactly what this order already is (then the
     * original prepay result is returned); the acceptor's fresh token is not part of the terms, and
     * the notify_url is compared by the caller (a partner order's may be its sub-merchant's default).
     */
    boolean sameTerms(Command cmd) {
        return tradeType == cmd.tradeType
                && totalFen == cmd.amountFen
                && timeExpireMillis == cmd.timeExpireMillis
                && flags == cmd.flags
                && Objects.equals(appid, cmd.appid)
                && Objects.equals(spMchid, cmd.spMchid)
                && Objects.equals(subAppid, cmd.subAppid)
                && Objects.equals(description, cmd.description)
                && Objects.equals(attach, cmd.attach)
                && Objects.equals(goodsTag, cmd.goodsTag)
                && Objects.equals(requiredOpenid, cmd.openid)
                && Objects.equals(deviceId, cmd.deviceId)
                && Objects.equals(payerClientIp, cmd.payerClientIp)
                && Objects.equals(storeId, cmd.storeId);
    }

    public boolean hasFlag(long flag) {
        return (flags & flag) != 0;
    }

    @Override
    public String toString() {
        return "Order[" + mchid + "/" + outTradeNo + " " + state + "]";
    }
}
