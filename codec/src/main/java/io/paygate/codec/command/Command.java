package io.paygate.codec.command;

/**
 * One command, as a flat mutable struct. Ring slots hold one each, pre-allocated, and reuse it; the
 * acceptor fills a fresh one per request and the ring's translator copies it in. Which fields matter
 * depends on {@link #type}; unused fields are null or 0.
 *
 * <p>Time and randomness arrive here, never inside the matcher: {@link #acceptedAtMillis} is the
 * acceptor's wall clock, {@link #token} and {@link #secret} are drawn by the acceptor.
 *
 * <p>{@link #toString()} prints identifiers only: never keys, auth codes or tokens.
 */
public final class Command {
    /** {@code support_fapiao} was true. */
    public static final long FLAG_SUPPORT_FAPIAO = 1L;
    /** {@code settle_info.profit_sharing} was true. */
    public static final long FLAG_PROFIT_SHARING = 1L << 1;
    /** Provisioning: the merchant is a service provider (服务商) that acts for sub-merchants. */
    public static final long FLAG_SERVICE_PROVIDER = 1L << 2;
    /** A partner JSAPI order named its payer by {@code sub_openid} (under {@code sub_appid}). */
    public static final long FLAG_SUB_OPENID = 1L << 3;

    public CommandType type;
    /** Journal sequence, assigned by the journal stage; 0 for queries. */
    public long sequence;
    /** Wall-clock time at the acceptor, epoch millis. The matcher's only notion of time. */
    public long acceptedAtMillis;

    /**
     * The merchant that owns the money: the merchant itself, or the sub-merchant ({@code sub_mchid})
     * of a partner request.
     */
    public String mchid;
    /** The appid; a partner request's {@code sp_appid}. */
    public String appid;
    /**
     * The service provider ({@code sp_mchid}) a partner request acts through; null for a direct one.
     * At provisioning: a sub-merchant's service provider.
     */
    public String spMchid;
    /** A partner request's {@code sub_appid}, if any. */
    public String subAppid;
    public String outTradeNo;
    public String transactionId;
    public String outRefundNo;
    public String openid;
    public TradeType tradeType;
    public String description;
    public String attach;
    public String notifyUrl;
    public String goodsTag;
    /** {@code time_expire}, epoch millis, 0 when absent. */
    public long timeExpireMillis;
    /**
     * When what the command creates lapses, epoch millis, computed by the acceptor from its
     * configuration (an unpaid order's expiry, a USERPAYING payment's revoke time, an auth code's
     * expiry) so that replay never depends on today's configuration.
     */
    public long deadlineMillis;
    /** The amount the command is about: order total, refund amount, payer balance. */
    public long amountFen;
    /** A second amount where the wire has one: the order total a refund request states. */
    public long totalFen;
    public String deviceId;
    public String payerClientIp;
    public String storeId;
    /** A random token drawn at the acceptor: code_url token, prepay_id, auth code. */
    public String token;
    public String reason;
    public String name;
    /** A key serial: the merchant API certificate serial at provisioning. */
    public String serialNo;
    /** DER SubjectPublicKeyInfo of a merchant key at provisioning. */
    public byte[] publicKeyDer;
    /** Secret material drawn at the acceptor (APIv3 key at provisioning). */
    public String secret;
    /** A second secret (APIv2 key at provisioning). */
    public String secret2;
    /** Fee rate in parts per million (0.60% = 6000). */
    public long feeRatePpm;
    /** Provisioning a sub-merchant: its service provider's commission, ppm of each payment. */
    public long commissionPpm;
    public long flags;

    /** Clears every field so the struct can be reused. */
    public Command reset() {
        type = null;
        sequence = 0;
        acceptedAtMillis = 0;
        mchid = null;
        appid = null;
        spMchid = null;
        subAppid = null;
        outTradeNo = null;
        transactionId = null;
        outRefundNo = null;
        openid = null;
        tradeType = null;
        description = null;
        attach = null;
        notifyUrl = null;
        goodsTag = null;
        timeExpireMillis = 0;
        deadlineMillis = 0;
        amountFen = 0;
        totalFen = 0;
        deviceId = null;
        payerClientIp = null;
        storeId = null;
        token = null;
        reason = null;
        name = null;
        serialNo = null;
        publicKeyDer = null;
        secret = null;
        secret2 = null;
        feeRatePpm = 0;
        commissionPpm = 0;
        flags = 0;
        return this;
    }

    /**
     * Computes, and so caches in each string, the hash codes of the ids the matcher looks things up
     * by (mchid, sp_mchid, out_trade_no, out_refund_no, transaction_id, openid, token). The strings
     * a decoder makes are new, so their hashes are not computed yet; whoever calls this (an event
     * loop publishing to the ring, replay's reader thread) takes that work off the single matcher
     * thread. The result is the same either way: only who computes the hash changes.
     */
    public void cacheHashes() {
        hash(mchid);
        hash(spMchid);
        hash(outTradeNo);
        hash(outRefundNo);
        hash(transactionId);
        hash(openid);
        hash(token);
    }

    private static void hash(String s) {
        if (s != null) {
            s.hashCode();
        }
    }

    /** Copies every field of {@code src} into this struct (byte arrays are shared, never mutated). */
    public Command copyFrom(Command src) {
        type = src.type;
        sequence = src.sequence;
        acceptedAtMillis = src.acceptedAtMillis;
        mchid = src.mchid;
        appid = src.appid;
        spMchid = src.spMchid;
        subAppid = src.subAppid;
        outTradeNo = src.outTradeNo;
        transactionId = src.transactionId;
        outRefundNo = src.outRefundNo;
        openid = src.openid;
        tradeType = src.tradeType;
        description = src.description;
        attach = src.attach;
        notifyUrl = src.notifyUrl;
        goodsTag = src.goodsTag;
        timeExpireMillis = src.timeExpireMillis;
        deadlineMillis = src.deadlineMillis;
        amountFen = src.amountFen;
        totalFen = src.totalFen;
        deviceId = src.deviceId;
        payerClientIp = src.payerClientIp;
        storeId = src.storeId;
        token = src.token;
        reason = src.reason;
        name = src.name;
        serialNo = src.serialNo;
        publicKeyDer = src.publicKeyDer;
        secret = src.secret;
        secret2 = src.secret2;
        feeRatePpm = src.feeRatePpm;
        commissionPpm = src.commissionPpm;
        flags = src.flags;
        return this;
    }

    /** Whether a flag bit is set. */
    public boolean hasFlag(long flag) {
        return (flags & flag) != 0;
    }

    @Override
    public String toString() {
        return "Command[" + type + " seq=" + sequence + " at=" + acceptedAtMillis + " mchid=" + mchid
                + (spMchid != null ? " sp_mchid=" + spMchid : "")
                + (outTradeNo != null ? " out_trade_no=" + outTradeNo : "")
                + (outRefundNo != null ? " out_refund_no=" + outRefundNo : "") + "]";
    }
}
