package io.paygate.gateway.matcher;

import io.paygate.codec.command.TradeType;

/**
 * The canonical encoding of the whole matcher state (see {@link CanonicalOutput}): what the state
 * hash is computed over and what a snapshot holds. Decoding rebuilds every index (lookup maps,
 * deadline and settlement queues) from the canonical data, so a restored matcher behaves exactly
 * like the one that wrote it.
 */
final class StateCodec {
    /** Bumped whenever the walk below changes; a snapshot of another version is not read. */
    static final int FORMAT_VERSION = 2;
    /** Version 1 had no service providers: it is still read (its extra fields default to none). */
    static final int FORMAT_VERSION_MIN = 1;

    private StateCodec() {
    }

    static byte[] encode(State s) {
        CanonicalOutput out = new CanonicalOutput();
        encode(s, out);
        return out.toByteArray();
    }

    /** Writes the canonical encoding of {@code s} into {@code out} (in memory, or streamed). */
    static void encode(State s, CanonicalOutput out) {
        out.writeInt(FORMAT_VERSION);
        out.writeLong(s.lastSequence);
        out.writeLong(s.nowMillis);
        s.ledger.writeTo(out);
        out.writeInt(s.merchantsInOrder.size());
        for (Merchant m : s.merchantsInOrder) {
            out.writeString(m.mchid);
            out.writeString(m.name);
            out.writeString(m.appid);
            out.writeString(m.serialNo);
            out.writeBytes(m.publicKeyDer);
            out.writeString(m.apiV3Key);
            out.writeString(m.apiV2Key);
            out.writeLong(m.feeRatePpm);
            out.writeLong(m.createdAtMillis);
            out.writeInt(m.account);
            out.writeBoolean(m.serviceProvider);
            out.writeString(m.spMchid);
            out.writeLong(m.commissionPpm);
            out.writeString(m.notifyUrlDefault);
            out.writeInt(m.addedKeys.size());
            for (Merchant.ApiKey k : m.addedKeys) {
                out.writeString(k.serialNo());
                out.writeBytes(k.publicKeyDer());
            }
        }
        out.writeInt(s.payersInOrder.size());
        for (Payer p : s.payersInOrder) {
            out.writeString(p.openid);
            out.writeInt(p.account);
            out.writeLong(p.createdAtMillis);
            out.writeEnum(p.status);
        }
        out.writeInt(s.authCodes.size());
        for (AuthCode a : s.authCodes.values()) {
            out.writeString(a.code);
            out.writeString(a.openid);
            out.writeLong(a.expiresAtMillis);
            out.writeLong(a.issuedSequence);
            out.writeBoolean(a.used);
        }
        out.writeInt(s.ordersInOrder.size());
        for (Order o : s.ordersInOrder) {
            writeOrder(out, o);
        }
        out.writeInt(s.refundsInOrder.size());
        for (Refund r : s.refundsInOrder) {
            writeRefund(out, r);
        }
    }

    static State decode(byte[] bytes) {
        CanonicalInput in = new CanonicalInput(bytes);
        int version = in.readInt();
        if (version < FORMAT_VERSION_MIN || version > FORMAT_VERSION) {
            throw new IllegalArgumentException("state format version " + version + " is not between "
                    + FORMAT_VERSION_MIN + " and " + FORMAT_VERSION);
        }
        boolean v2 = version >= 2;
        State s = new State();
        s.lastSequence = in.readLong();
        s.nowMillis = in.readLong();
        s.ledger = Ledger.readFrom(in);
        for (int i = in.readCount(); i > 0; i--) {
            String mchid = in.readString();
            String name = in.readString();
            String appid = in.readString();
            String serialNo = in.readString();
            byte[] der = in.readBytes();
            String apiV3Key = in.readString();
            String apiV2Key = in.readString();
            long feeRatePpm = in.readLong();
            long createdAt = in.readLong();
            int account = in.readInt();
            Merchant m = v2
                    ? new Merchant(mchid, name, appid, serialNo, der, apiV3Key, apiV2Key, feeRatePpm, createdAt, account,
                            in.readBoolean(), in.readString(), in.readLong(), in.readString())
                    : new Merchant(mchid, name, appid, serialNo, der, apiV3Key, apiV2Key, feeRatePpm, createdAt, account);
            if (v2) {
                for (int k = in.readCount(); k > 0; k--) {
                    m.addedKeys.add(new Merchant.ApiKey(in.readString(), in.readBytes()));
                }
            }
            s.merchants.put(m.mchid, m);
            s.merchantsInOrder.add(m);
        }
        for (int i = in.readCount(); i > 0; i--) {
            Payer p = new Payer(in.readString(), in.readInt(), in.readLong());
            p.status = in.readEnum(PayerStatus.values());
            s.payers.put(p);
            s.payersInOrder.add(p);
        }
        for (int i = in.readCount(); i > 0; i--) {
            AuthCode a = new AuthCode(in.readString(), in.readString(), in.readLong(), in.readLong());
            a.used = in.readBoolean();
            s.authCodes.put(a.code, a);
            s.authCodeExpiries.add(a);
        }
        for (int i = in.readCount(); i > 0; i--) {
            indexOrder(s, readOrder(in, v2));
        }
        for (int i = in.readCount(); i > 0; i--) {
            Refund r = readRefund(in, v2);
            s.merchants.get(r.mchid).refundsByOutRefundNo.put(r);
            s.refundsInOrder.add(r);
            if (r.status == RefundStatus.PROCESSING) {
                s.refundsToSettle.addLast(r);
            }
        }
        if (!in.atEnd()) {
            throw new IllegalArgumentException("state encoding has trailing bytes");
        }
        return s;
    }

    private static void indexOrder(State s, Order o) {
        Merchant m = s.merchants.get(o.mchid);
        if (m == null) {
            throw new IllegalArgumentException("order of an unknown merchant " + o.mchid);
        }
        m.ordersByOutTradeNo.put(o);
        s.ordersInOrder.add(o);
        if (o.tradeType != TradeType.MICROPAY && o.token != null) {
            s.ordersByToken.put(o);
        }
        if (o.transactionId != null) {
            s.ordersByTransactionId.put(o);
        }
        if ((o.state == TradeState.NOTPAY || o.state == TradeState.USERPAYING) && o.deadlineMillis > 0) {
            s.orderDeadlines.add(o);
        }
    }

    private static void writeOrder(CanonicalOutput out, Order o) {
        out.writeString(o.mchid);
        out.writeString(o.appid);
        out.writeString(o.outTradeNo);
        out.writeEnum(o.tradeType);
        out.writeString(o.description);
        out.writeString(o.attach);
        out.writeString(o.notifyUrl);
        out.writeString(o.goodsTag);
        out.writeLong(o.timeExpireMillis);
        out.writeLong(o.totalFen);
        out.writeString(o.requiredOpenid);
        out.writeString(o.deviceId);
        out.writeString(o.payerClientIp);
        out.writeString(o.storeId);
        out.writeLong(o.flags);
        out.writeString(o.token);
        out.writeLong(o.createdAtMillis);
        out.writeLong(o.createdSequence);
        out.writeLong(o.deadlineMillis);
        out.writeEnum(o.state);
        out.writeString(o.transactionId);
        out.writeString(o.payerOpenid);
        out.writeLong(o.payerTotalFen);
        out.writeLong(o.successTimeMillis);
        out.writeLong(o.closedAtMillis);
        out.writeLong(o.feeFen);
        out.writeLong(o.feeRefundedFen);
        out.writeLong(o.refundedFen);
        out.writeLong(o.refundCount);
        out.writeString(o.spMchid);
        out.writeString(o.subAppid);
        out.writeLong(o.commissionFen);
        out.writeLong(o.commissionRefundedFen);
    }

    private static Order readOrder(CanonicalInput in, boolean v2) {
        Order o = new Order();
        o.mchid = in.readString();
        o.appid = in.readString();
        o.outTradeNo = in.readString();
        o.tradeType = in.readEnum(TradeType.values());
        o.description = in.readString();
        o.attach = in.readString();
        o.notifyUrl = in.readString();
        o.goodsTag = in.readString();
        o.timeExpireMillis = in.readLong();
        o.totalFen = in.readLong();
        o.requiredOpenid = in.readString();
        o.deviceId = in.readString();
        o.payerClientIp = in.readString();
        o.storeId = in.readString();
        o.flags = in.readLong();
        o.token = in.readString();
        o.createdAtMillis = in.readLong();
        o.createdSequence = in.readLong();
        o.deadlineMillis = in.readLong();
        o.state = in.readEnum(TradeState.values());
        o.transactionId = in.readString();
        o.payerOpenid = in.readString();
        o.payerTotalFen = in.readLong();
        o.successTimeMillis = in.readLong();
        o.closedAtMillis = in.readLong();
        o.feeFen = in.readLong();
        o.feeRefundedFen = in.readLong();
        o.refundedFen = in.readLong();
        o.refundCount = in.readLong();
        if (v2) {
            o.spMchid = in.readString();
            o.subAppid = in.readString();
            o.commissionFen = in.readLong();
            o.commissionRefundedFen = in.readLong();
        }
        return o;
    }

    private static void writeRefund(CanonicalOutput out, Refund r) {
        out.writeString(r.mchid);
        out.writeString(r.outRefundNo);
        out.writeString(r.refundId);
        out.writeString(r.outTradeNo);
        out.writeString(r.transactionId);
        out.writeLong(r.refundFen);
        out.writeLong(r.orderTotalFen);
        out.writeLong(r.feeRefundFen);
        out.writeString(r.reason);
        out.writeString(r.notifyUrl);
        out.writeEnum(r.status);
        out.writeLong(r.createdAtMillis);
        out.writeLong(r.createdSequence);
        out.writeLong(r.successTimeMillis);
        out.writeString(r.spMchid);
        out.writeLong(r.commissionRefundFen);
    }

    private static Refund readRefund(CanonicalInput in, boolean v2) {
        Refund r = new Refund();
        r.mchid = in.readString();
        r.outRefundNo = in.readString();
        r.refundId = in.readString();
        r.outTradeNo = in.readString();
        r.transactionId = in.readString();
        r.refundFen = in.readLong();
        r.orderTotalFen = in.readLong();
        r.feeRefundFen = in.readLong();
        r.reason = in.readString();
        r.notifyUrl = in.readString();
        r.status = in.readEnum(RefundStatus.values());
        r.createdAtMillis = in.readLong();
        r.createdSequence = in.readLong();
        r.successTimeMillis = in.readLong();
        if (v2) {
            r.spMchid = in.readString();
            r.commissionRefundFen = in.readLong();
        }
        return r;
    }
}
