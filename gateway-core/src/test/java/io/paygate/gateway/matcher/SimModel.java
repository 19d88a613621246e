package io.paygate.gateway.matcher;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.TradeType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reference model for the simulation: a deliberately plain re-statement of the payment rules
 * (WeChat Pay trade states, the double-entry money moves, fees rounded half up with BigDecimal, the
 * clock as the latest accepted-at time) that shares no code with the matcher. It predicts every
 * command's outcome and keeps its own balances, so the simulation can hold the matcher against it.
 *
 * <p>Where several refusals apply at once the model uses the same precedence as the matcher (that
 * order is part of the contract the rule tests pin down).
 */
final class SimModel {

    static final long PPM = 1_000_000;
    static final int REFUNDS_PER_ORDER_MAX = 50;
    static final long MCHID_FIRST = 1_900_000_001L;
    private static final DateTimeFormatter CST_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.ofHours(8));

    static final class MMerchant {
        final String mchid;
        final String appid;
        final long feePpm;
        long balance;
        final Map<String, MOrder> orders = new HashMap<>();
        final Map<String, MRefund> refunds = new HashMap<>();

        MMerchant(String mchid, String appid, long feePpm) {
            this.mchid = mchid;
            this.appid = appid;
            this.feePpm = feePpm;
        }
    }

    static final class MPayer {
        final String openid;
        long balance;
        /** ACTIVE, FROZEN or CLOSED. */
        String status = "ACTIVE";

        MPayer(String openid) {
            this.openid = openid;
        }
    }

    static final class MCode {
        final String code;
        final String openid;
        final long expiresAt;
        boolean used;

        MCode(String code, String openid, long expiresAt) {
            this.code = code;
            this.openid = openid;
            this.expiresAt = expiresAt;
        }
    }

    static final class MOrder {
        final MMerchant m;
        /** A copy of the creating command: the terms a retry is compared with. */
        final Command terms;
        final String outTradeNo;
        final TradeType type;
        final long total;
        final long deadline;
        TradeState state = TradeState.NOTPAY;
        String payer;
        long fee;
        long feeRefunded;
        long refunded;
        int refundCount;
        String txId;
        long successAt;
        long closedAt;

        MOrder(MMerchant m, Command cmd) {
            this.m = m;
            this.terms = new Command().copyFrom(cmd);
            this.outTradeNo = cmd.outTradeNo;
            this.type = cmd.tradeType;
            this.total = cmd.amountFen;
            this.deadline = cmd.deadlineMillis;
        }

        boolean paid() {
            return state == TradeState.SUCCESS || state == TradeState.REFUND;
        }

        @Override
        public String toString() {
            return m.mchid + "/" + outTradeNo + " " + type + " " + state + " total=" + total + " refunded=" + refunded;
        }
    }

    static final class MRefund {
        final MMerchant m;
        final String outRefundNo;
        final MOrder order;
        final long amount;
        final long statedTotal;
        final long feeBack;
        final long createdAt;
        final String refundId;
        RefundStatus status = RefundStatus.PROCESSING;
        long successAt;

        MRefund(MMerchant m, String outRefundNo, MOrder order, long amount, long statedTotal, long feeBack,
                long createdAt, String refundId) {
            this.m = m;
            this.outRefundNo = outRefundNo;
            this.order = order;
            this.amount = amount;
            this.statedTotal = statedTotal;
            this.feeBack = feeBack;
            this.createdAt = createdAt;
            this.refundId = refundId;
        }
    }

    /** What the model expects of one command. */
    static final class Expect {
        ResultCode code;
        MOrder order;
        MRefund refund;
        MPayer payer;
        MCode authCode;
        MMerchant merchant;
        /** TICK: the orders it closed or revoked and the refunds it settled. */
        final List<MOrder> lapsed = new ArrayList<>();
        final List<MRefund> settled = new ArrayList<>();

        Expect code(ResultCode c) {
            code = c;
            return this;
        }
    }

    long now;
    /** At most this many refunds settle per tick (the matcher's limit, restated). */
    static final int SETTLEMENTS_PER_TICK = 100;
    long lastSequence;
    long funding;
    long feeIncome;
    long transit;
    final Map<String, MMerchant> merchants = new LinkedHashMap<>();
    final List<MMerchant> merchantList = new ArrayList<>();
    final Map<String, MPayer> payers = new HashMap<>();
    final List<MPayer> payerList = new ArrayList<>();
    /** Issued pay codes that no tick has dropped yet (used ones included). */
    final Map<String, MCode> codes = new LinkedHashMap<>();
    final Map<String, MOrder> byToken = new HashMap<>();
    final Map<String, MOrder> byTx = new HashMap<>();
    final List<MOrder> orders = new ArrayList<>();
    /** NOTPAY and USERPAYING orders waiting for their deadline. */
    final LinkedHashSet<MOrder> open = new LinkedHashSet<>();
    final List<MRefund> refunds = new ArrayList<>();
    final ArrayDeque<MRefund> pending = new ArrayDeque<>();

    // ------------------------------------------------------------------ money rules

    static long fee(long total, long ppm) {
        return BigDecimal.valueOf(total).multiply(BigDecimal.valueOf(ppm))
                .divide(BigDecimal.valueOf(PPM), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** The part of the fee given back once {@code refunded} of {@code total} went back: in proportion, whole at the end. */
    static long feeBackAfter(long fee, long refunded, long total) {
        if (refunded == total) {
            return fee;
        }
        return BigDecimal.valueOf(fee).multiply(BigDecimal.valueOf(refunded))
                .divide(BigDecimal.valueOf(total), 0, RoundingMode.HALF_UP).longValueExact();
    }

    static String wechatId(String prefix, long atMillis, long sequence) {
        return prefix + CST_DATE.format(Instant.ofEpochMilli(atMillis)) + String.format("%016d", sequence);
    }

    long sum() {
        long s = funding + feeIncome + transit;
        for (MMerchant m : merchantList) {
            s += m.balance;
        }
        for (MPayer p : payerList) {
            s += p.balance;
        }
        return s;
    }

    // ------------------------------------------------------------------ commands

    Expect apply(Command cmd) {
        if (!cmd.type.isQuery()) {
            lastSequence = cmd.sequence;
            now = Math.max(now, cmd.acceptedAtMillis);
        }
        Expect e = new Expect();
        switch (cmd.type) {
            case PROVISION_MERCHANT -> provision(cmd, e);
            case CREATE_ORDER -> createOrder(cmd, e);
            case CLOSE_ORDER -> close(cmd, e);
            case QUERY_ORDER -> query(cmd, e);
            case CREATE_PAYER -> createPayer(cmd, e);
            case QUERY_PAYER -> queryPayer(cmd, e);
            case SET_PAYER_STATUS -> setPayerStatus(cmd, e);
            case ISSUE_AUTH_CODE -> issueCode(cmd, e);
            case PAY_ORDER -> pay(cmd, e);
            case CODEPAY -> codepay(cmd, e);
            case CONFIRM_CODEPAY -> confirm(cmd, e);
            case REVERSE_ORDER -> reverse(cmd, e);
            case CREATE_REFUND -> refund(cmd, e);
            case QUERY_REFUND -> queryRefund(cmd, e);
            case TICK -> tick(cmd, e);
            case LEDGER_SUMMARY -> e.code(ResultCode.OK);
            default -> throw new AssertionError("model has no rule for " + cmd.type);
        }
        return e;
    }

    private void provision(Command cmd, Expect e) {
        String mchid = cmd.mchid;
        if (mchid == null) {
            long candidate = MCHID_FIRST + merchantList.size();
            while (merchants.containsKey(Long.toString(candidate))) {
                candidate++;
            }
            mchid = Long.toString(candidate);
        }
        if (merchants.containsKey(mchid)) {
            e.code(ResultCode.MERCHANT_EXISTS);
            return;
        }
        MMerchant m = new MMerchant(mchid, cmd.appid, cmd.feeRatePpm);
        merchants.put(mchid, m);
        merchantList.add(m);
        e.code(ResultCode.OK).merchant = m;
    }

    /** The merchant, with the request's appid checked; sets the refusal when not. */
    private MMerchant merchant(Command cmd, Expect e) {
        MMerchant m = cmd.mchid == null ? null : merchants.get(cmd.mchid);
        if (m == null) {
            e.code(ResultCode.MCH_NOT_EXISTS);
        } else if (cmd.appid != null && !cmd.appid.equals(m.appid)) {
            e.code(ResultCode.APPID_MCHID_NOT_MATCH);
            return null;
        }
        return m;
    }

    static boolean sameTerms(Command a, Command b) {
        return a.tradeType == b.tradeType && a.amountFen == b.amountFen && a.timeExpireMillis == b.timeExpireMillis
                && a.flags == b.flags && Objects.equals(a.appid, b.appid) && Objects.equals(a.description, b.description)
                && Objects.equals(a.attach, b.attach) && Objects.equals(a.notifyUrl, b.notifyUrl)
                && Objects.equals(a.goodsTag, b.goodsTag) && Objects.equals(a.openid, b.openid)
                && Objects.equals(a.deviceId, b.deviceId) && Objects.equals(a.payerClientIp, b.payerClientIp)
                && Objects.equals(a.storeId, b.storeId);
    }

    private void createOrder(Command cmd, Expect e) {
        MMerchant m = merchant(cmd, e);
        if (m == null) {
            return;
        }
        MOrder existing = m.orders.get(cmd.outTradeNo);
        if (existing != null) {
            if (!sameTerms(existing.terms, cmd)) {
                e.code(ResultCode.OUT_TRADE_NO_USED);
            } else if (existing.state == TradeState.NOTPAY && !(existing.deadline != 0 && existing.deadline <= now)) {
                e.code(ResultCode.OK_REPEATED).order = existing; // still payable: the original prepay result
            } else if (existing.state == TradeState.NOTPAY || existing.state == TradeState.CLOSED) {
                e.code(ResultCode.ORDER_CLOSED);
            } else if (existing.state == TradeState.SUCCESS || existing.state == TradeState.REFUND) {
                e.code(ResultCode.ALREADY_PAID);
            } else {
                e.code(ResultCode.OUT_TRADE_NO_USED);
            }
            return;
        }
        if (cmd.token == null || byToken.containsKey(cmd.token)) {
            e.code(ResultCode.TOKEN_COLLISION);
            return;
        }
        MOrder o = newOrder(m, cmd);
        byToken.put(cmd.token, o);
        if (o.deadline != 0) {
            open.add(o);
        }
        e.code(ResultCode.OK).order = o;
    }

    private MOrder newOrder(MMerchant m, Command cmd) {
        MOrder o = new MOrder(m, cmd);
        m.orders.put(o.outTradeNo, o);
        orders.add(o);
        return o;
    }

    /** The order a merchant names by transaction_id or out_trade_no; another merchant's is not found. */
    private MOrder find(Command cmd, Expect e) {
        MMerchant m = cmd.mchid == null ? null : merchants.get(cmd.mchid);
        if (m == null) {
            e.code(ResultCode.MCH_NOT_EXISTS);
            return null;
        }
        MOrder o;
        if (cmd.transactionId != null) {
            o = byTx.get(cmd.transactionId);
            if (o != null && o.m != m) {
                o = null;
            }
        } else {
            o = m.orders.get(cmd.outTradeNo);
        }
        if (o == null) {
            e.code(ResultCode.ORDER_NOT_EXIST);
        }
        return o;
    }

    private void close(Command cmd, Expect e) {
        MOrder o = find(cmd, e);
        if (o == null) {
            return;
        }
        e.order = o;
        switch (o.state) {
            case NOTPAY -> {
                o.state = TradeState.CLOSED;
                o.closedAt = cmd.acceptedAtMillis;
                open.remove(o);
                e.code(ResultCode.OK);
            }
            case CLOSED -> e.code(ResultCode.OK_REPEATED);
            case SUCCESS, REFUND -> e.code(o.type == TradeType.MICROPAY ? ResultCode.ORDER_NOT_CLOSABLE : ResultCode.ORDER_PAID);
            default -> e.code(ResultCode.ORDER_NOT_CLOSABLE);
        }
    }

    private void query(Command cmd, Expect e) {
        MOrder o = find(cmd, e);
        if (o != null) {
            e.code(ResultCode.OK).order = o;
        }
    }

    private void createPayer(Command cmd, Expect e) {
        if (cmd.openid == null || payers.containsKey(cmd.openid)) {
            e.code(ResultCode.TOKEN_COLLISION);
            return;
        }
        MPayer p = new MPayer(cmd.openid);
        if (cmd.amountFen > 0) {
            p.balance = cmd.amountFen;
            funding -= cmd.amountFen;
        }
        payers.put(p.openid, p);
        payerList.add(p);
        e.code(ResultCode.OK).payer = p;
    }

    private void queryPayer(Command cmd, Expect e) {
        MPayer p = cmd.openid == null ? null : payers.get(cmd.openid);
        if (p == null) {
            e.code(ResultCode.PAYER_NOT_EXIST);
        } else {
            e.code(ResultCode.OK).payer = p;
        }
    }

    private void setPayerStatus(Command cmd, Expect e) {
        MPayer p = cmd.openid == null ? null : payers.get(cmd.openid);
        if (p == null) {
            e.code(ResultCode.PAYER_NOT_EXIST);
            return;
        }
        p.status = cmd.name;
        e.code(ResultCode.OK).payer = p;
    }

    private void issueCode(Command cmd, Expect e) {
        MPayer p = cmd.openid == null ? null : payers.get(cmd.openid);
        if (p == null) {
            e.code(ResultCode.PAYER_NOT_EXIST);
            return;
        }
        if (!p.status.equals("ACTIVE")) {
            e.code(ResultCode.PAYER_ACCOUNT_ERROR);
            return;
        }
        if (cmd.token == null || codes.containsKey(cmd.token)) {
            e.code(ResultCode.TOKEN_COLLISION);
            return;
        }
        MCode c = new MCode(cmd.token, p.openid, cmd.deadlineMillis);
        codes.put(c.code, c);
        e.code(ResultCode.OK).authCode = c;
    }

    /** Payer to merchant, fee to fee income; the order becomes SUCCESS with a transaction id. */
    private void settle(MOrder o, MPayer p, Command cmd) {
        long fee = fee(o.total, o.m.feePpm);
        p.balance -= o.total;
        o.m.balance += o.total - fee;
        feeIncome += fee;
        o.fee = fee;
        o.payer = p.openid;
        o.state = TradeState.SUCCESS;
        o.successAt = cmd.acceptedAtMillis;
        o.txId = wechatId("4200", cmd.acceptedAtMillis, cmd.sequence);
        byTx.put(o.txId, o);
        open.remove(o);
    }

    private void pay(Command cmd, Expect e) {
        MPayer p = cmd.openid == null ? null : payers.get(cmd.openid);
        if (p == null) {
            e.code(ResultCode.PAYER_NOT_EXIST);
            return;
        }
        MOrder o = cmd.token == null ? null : byToken.get(cmd.token);
        if (o == null) {
            e.code(ResultCode.ORDER_NOT_EXIST);
            return;
        }
        e.order = o;
        if (o.state == TradeState.NOTPAY && o.deadline != 0 && o.deadline <= now) {
            e.code(ResultCode.ORDER_CLOSED);
        } else if (o.paid()) {
            e.code(ResultCode.ALREADY_PAID);
        } else if (o.state == TradeState.CLOSED) {
            e.code(ResultCode.ORDER_CLOSED);
        } else if (o.state != TradeState.NOTPAY) {
            throw new AssertionError("the model never lets a code_url/prepay_id order be " + o.state);
        } else if (!p.status.equals("ACTIVE")) {
            e.code(ResultCode.PAYER_ACCOUNT_ERROR);
        } else if (o.type == TradeType.JSAPI && !o.terms.openid.equals(p.openid)) {
            e.code(ResultCode.BUYER_MISMATCH);
        } else if (p.balance < o.total) {
            e.code(ResultCode.PAYER_NOT_ENOUGH);
        } else {
            settle(o, p, cmd);
            e.code(ResultCode.OK);
        }
    }

    private void codepay(Command cmd, Expect e) {
        MMerchant m = merchant(cmd, e);
        if (m == null) {
            return;
        }
        MOrder existing = m.orders.get(cmd.outTradeNo);
        if (existing != null) {
            if (existing.type == TradeType.MICROPAY && sameTerms(existing.terms, cmd)
                    && Objects.equals(existing.terms.token, cmd.token)) {
                e.code(ResultCode.OK_REPEATED).order = existing;
            } else {
                e.code(ResultCode.OUT_TRADE_NO_USED);
            }
            return;
        }
        MCode code = cmd.token == null ? null : codes.get(cmd.token);
        if (code == null || code.used) {
            e.code(ResultCode.AUTH_CODE_INVALID);
            return;
        }
        if (code.expiresAt <= now) {
            e.code(ResultCode.AUTH_CODE_EXPIRED);
            return;
        }
        MPayer p = payers.get(code.openid);
        if (!p.status.equals("ACTIVE")) {
            e.code(ResultCode.PAYER_ACCOUNT_ERROR);
            return;
        }
        boolean password = cmd.amountFen > cmd.totalFen;
        if (!password && p.balance < cmd.amountFen) {
            e.code(ResultCode.PAYER_NOT_ENOUGH);
            return;
        }
        code.used = true;
        MOrder o = newOrder(m, cmd);
        o.payer = p.openid;
        if (password) {
            o.state = TradeState.USERPAYING;
            if (o.deadline != 0) {
                open.add(o);
            }
        } else {
            settle(o, p, cmd);
        }
        e.code(ResultCode.OK).order = o;
    }

    private void confirm(Command cmd, Expect e) {
        MPayer p = cmd.openid == null ? null : payers.get(cmd.openid);
        if (p == null) {
            e.code(ResultCode.PAYER_NOT_EXIST);
            return;
        }
        MOrder o = find(cmd, e);
        if (o == null) {
            return;
        }
        e.order = o;
        if (o.state == TradeState.REVOKED) {
            e.code(ResultCode.ORDER_REVOKED);
        } else if (o.paid()) {
            e.code(ResultCode.ALREADY_PAID);
        } else if (o.state != TradeState.USERPAYING) {
            e.code(ResultCode.ORDER_NOT_USERPAYING);
        } else if (!p.openid.equals(o.payer)) {
            e.code(ResultCode.BUYER_MISMATCH);
        } else if (!p.status.equals("ACTIVE")) {
            e.code(ResultCode.PAYER_ACCOUNT_ERROR);
        } else if (o.deadline <= now) {
            e.code(ResultCode.ORDER_REVOKED);
        } else if (p.balance < o.total) {
            e.code(ResultCode.PAYER_NOT_ENOUGH);
        } else {
            settle(o, p, cmd);
            e.code(ResultCode.OK);
        }
    }

    private void reverse(Command cmd, Expect e) {
        MOrder o = find(cmd, e);
        if (o == null) {
            return;
        }
        if (cmd.appid != null && !cmd.appid.equals(o.terms.appid)) {
            e.code(ResultCode.APPID_MCHID_NOT_MATCH);
            return;
        }
        e.order = o;
        if (o.type != TradeType.MICROPAY || o.state == TradeState.REFUND) {
            e.code(ResultCode.ORDER_NOT_REVERSIBLE);
        } else if (o.state == TradeState.REVOKED) {
            e.code(ResultCode.OK_REPEATED);
        } else if (o.state == TradeState.SUCCESS) {
            if (o.m.balance < o.total - o.fee) {
                e.code(ResultCode.MERCHANT_NOT_ENOUGH);
                return;
            }
            // everything back: the payer is made whole and the fee returns to the merchant first
            feeIncome -= o.fee;
            o.m.balance += o.fee - o.total;
            payers.get(o.payer).balance += o.total;
            o.feeRefunded = o.fee;
            o.state = TradeState.REVOKED;
            e.code(ResultCode.OK);
        } else {
            o.state = TradeState.REVOKED;
            open.remove(o);
            e.code(ResultCode.OK);
        }
    }

    private void refund(Command cmd, Expect e) {
        MMerchant m = cmd.mchid == null ? null : merchants.get(cmd.mchid);
        if (m == null) {
            e.code(ResultCode.MCH_NOT_EXISTS);
            return;
        }
        MRefund existing = m.refunds.get(cmd.outRefundNo);
        if (existing != null) {
            boolean sameOrder = cmd.transactionId != null ? cmd.transactionId.equals(existing.order.txId)
                    : Objects.equals(cmd.outTradeNo, existing.order.outTradeNo);
            if (sameOrder && cmd.amountFen == existing.amount && cmd.totalFen == existing.statedTotal) {
                e.code(ResultCode.OK_REPEATED).refund = existing;
            } else {
                e.code(ResultCode.OUT_REFUND_NO_USED);
            }
            return;
        }
        MOrder o = find(cmd, e);
        if (o == null) {
            return;
        }
        if (!o.paid()) {
            e.code(ResultCode.ORDER_NOT_PAID);
            return;
        }
        if (cmd.totalFen != o.total) {
            e.code(ResultCode.REFUND_TOTAL_MISMATCH);
            return;
        }
        if (o.refundCount >= REFUNDS_PER_ORDER_MAX) {
            e.code(ResultCode.REFUND_LIMIT);
            return;
        }
        if (cmd.amountFen > o.total - o.refunded) {
            e.code(ResultCode.REFUND_EXCEEDS_PAID);
            return;
        }
        long feeBack = feeBackAfter(o.fee, o.refunded + cmd.amountFen, o.total) - o.feeRefunded;
        if (m.balance + feeBack < cmd.amountFen) {
            e.code(ResultCode.MERCHANT_NOT_ENOUGH);
            return;
        }
        feeIncome -= feeBack;
        m.balance += feeBack - cmd.amountFen;
        transit += cmd.amountFen;
        o.refunded += cmd.amountFen;
        o.feeRefunded += feeBack;
        o.refundCount++;
        o.state = TradeState.REFUND;
        MRefund r = new MRefund(m, cmd.outRefundNo, o, cmd.amountFen, cmd.totalFen, feeBack, cmd.acceptedAtMillis,
                wechatId("5030", cmd.acceptedAtMillis, cmd.sequence));
        m.refunds.put(r.outRefundNo, r);
        refunds.add(r);
        pending.add(r);
        e.code(ResultCode.OK).refund = r;
    }

    private void queryRefund(Command cmd, Expect e) {
        MMerchant m = cmd.mchid == null ? null : merchants.get(cmd.mchid);
        if (m == null) {
            e.code(ResultCode.MCH_NOT_EXISTS);
            return;
        }
        MRefund r = m.refunds.get(cmd.outRefundNo);
        if (r == null) {
            e.code(ResultCode.REFUND_NOT_EXIST);
        } else {
            e.code(ResultCode.OK).refund = r;
        }
    }

    private void tick(Command cmd, Expect e) {
        for (Iterator<MOrder> it = open.iterator(); it.hasNext(); ) {
            MOrder o = it.next();
            if (o.deadline > now) {
                continue;
            }
            if (o.state == TradeState.NOTPAY) {
                o.state = TradeState.CLOSED;
                o.closedAt = o.deadline;
            } else if (o.state == TradeState.USERPAYING) {
                o.state = TradeState.REVOKED;
            }
            e.lapsed.add(o);
            it.remove();
        }
        codes.values().removeIf(c -> c.expiresAt <= now);
        for (int n = 0; n < SETTLEMENTS_PER_TICK && !pending.isEmpty(); n++) {
            MRefund r = pending.poll();
            transit -= r.amount;
            MPayer p = payers.get(r.order.payer);
            if (p.status.equals("ACTIVE")) {
                p.balance += r.amount;
                r.status = RefundStatus.SUCCESS;
                r.successAt = Math.max(cmd.acceptedAtMillis, r.createdAt);
            } else {
                // the refund fails: the money and the fee given back go home, the merchant may refund again
                r.m.balance += r.amount - r.feeBack;
                feeIncome += r.feeBack;
                r.order.refunded -= r.amount;
                r.order.feeRefunded -= r.feeBack;
                r.status = p.status.equals("FROZEN") ? RefundStatus.ABNORMAL : RefundStatus.CLOSED;
            }
            e.settled.add(r);
        }
        e.code(ResultCode.OK);
    }
}
