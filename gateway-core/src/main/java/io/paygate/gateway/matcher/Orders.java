package io.paygate.gateway.matcher;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.TradeType;

/** Merchants and orders: provisioning, prepay, close, query. */
final class Orders {
    private Orders() {
    }

    /** mchids the matcher assigns start here (WeChat's are 10 digits). */
    static final long MCHID_FIRST = 1_900_000_001L;

    static void provisionMerchant(State s, Command cmd, MatchResult out) {
        String mchid = cmd.mchid != null ? cmd.mchid : nextFreeMchid(s);
        if (s.merchants.containsKey(mchid)) {
            out.code = ResultCode.MERCHANT_EXISTS;
            return;
        }
        if (cmd.spMchid != null) { // a sub-merchant: its provider must be a service provider
            Merchant sp = s.merchant(cmd.spMchid);
            if (sp == null) {
                out.code = ResultCode.MCH_NOT_EXISTS;
                return;
            }
            if (!sp.serviceProvider) {
                out.code = ResultCode.NO_AUTH;
                return;
            }
        }
        Merchant m = new Merchant(mchid, cmd.name, cmd.appid, cmd.serialNo, cmd.publicKeyDer, cmd.secret,
                cmd.secret2, cmd.feeRatePpm, cmd.acceptedAtMillis, s.ledger.open(Ledger.MERCHANT),
                cmd.hasFlag(Command.FLAG_SERVICE_PROVIDER), cmd.spMchid, cmd.commissionPpm,
                cmd.spMchid != null ? cmd.notifyUrl : null);
        s.merchants.put(mchid, m);
        s.merchantsInOrder.add(m);
        out.code = ResultCode.OK;
        out.mchid = mchid;
        out.appid = m.appid;
    }

    /** Adds an API key to a merchant (say SM2 beside RSA). */
    static void addMerchantKey(State s, Command cmd, MatchResult out) {
        Merchant m = s.merchant(cmd.mchid);
        if (m == null) {
            out.code = ResultCode.MCH_NOT_EXISTS;
            return;
        }
        if (m.hasKey(cmd.serialNo)) {
            out.code = ResultCode.KEY_EXISTS;
            return;
        }
        if (m.addedKeys.size() + (m.publicKeyDer != null ? 1 : 0) >= Merchant.KEYS_MAX) {
            out.code = ResultCode.KEY_LIMIT;
            return;
        }
        m.addedKeys.add(new Merchant.ApiKey(cmd.serialNo, cmd.publicKeyDer));
        out.code = ResultCode.OK;
        out.mchid = m.mchid;
        out.appid = m.appid;
    }

    private static String nextFreeMchid(State s) {
        long candidate = MCHID_FIRST + s.merchantsInOrder.size();
        while (s.merchants.containsKey(Long.toString(candidate))) {
            candidate++;
        }
        return Long.toString(candidate);
    }

    /** Native, JSAPI, App, H5: a NOTPAY order with its token, or the original on an identical retry. */
    static void createOrder(State s, Command cmd, MatchResult out) {
        Merchant m = merchantFor(s, cmd, out);
        if (m == null) {
            return;
        }
        String notifyUrl = notifyUrl(m, cmd);
        if (notifyUrl == null) {
            out.code = ResultCode.NOTIFY_URL_MISSING;
            return;
        }
        Order existing = m.ordersByOutTradeNo.get(cmd.outTradeNo);
        if (existing != null) {
            repeat(s, existing, cmd, notifyUrl, out);
            return;
        }
        if (cmd.token == null || s.ordersByToken.containsKey(cmd.token)) {
            out.code = ResultCode.TOKEN_COLLISION;
            return;
        }
        Order o = register(s, m, cmd);
        if (o.notifyUrl == null) {
            o.notifyUrl = notifyUrl; // the sub-merchant's default
        }
        s.ordersByToken.put(o);
        if (o.deadlineMillis > 0) {
            s.orderDeadlines.add(o);
        }
        out.code = ResultCode.OK;
        out.order(o);
    }

    /**
     * The same out_trade_no again: the original prepay result while the order can still be paid;
     * ORDER_CLOSED once it is closed or lapsed, ORDER_PAID once paid; different terms are a conflict.
     */
    /**
     * The notify_url an order gets: its own, else (a partner order) its sub-merchant's default; null
     * when neither is there.
     */
    private static String notifyUrl(Merchant m, Command cmd) {
        return cmd.notifyUrl != null ? cmd.notifyUrl : m.notifyUrlDefault;
    }

    private static void repeat(State s, Order existing, Command cmd, String notifyUrl, MatchResult out) {
        if (!existing.sameTerms(cmd) || !java.util.Objects.equals(existing.notifyUrl, notifyUrl)) {
            out.code = ResultCode.OUT_TRADE_NO_USED;
            return;
        }
        switch (existing.state) {
            case NOTPAY -> out.code = existing.deadlineMillis != 0 && existing.deadlineMillis <= s.nowMillis
                    ? ResultCode.ORDER_CLOSED : ResultCode.OK_REPEATED;
            case CLOSED -> out.code = ResultCode.ORDER_CLOSED;
            case SUCCESS, REFUND -> out.code = ResultCode.ALREADY_PAID;
            default -> out.code = ResultCode.OUT_TRADE_NO_USED;
        }
        if (out.code == ResultCode.OK_REPEATED) {
            out.order(existing);
        }
    }

    /** The merchant the command acts for, with its appid checked; null (and the result set) when not. */
    static Merchant merchantFor(State s, Command cmd, MatchResult out) {
        Merchant m = owner(s, cmd, out);
        if (m == null) {
            return null;
        }
        String appid = cmd.spMchid != null ? s.merchant(cmd.spMchid).appid : m.appid;
        // a merchant journaled without an appid (never from the admin port) matches no appid
        if ((cmd.appid != null && !cmd.appid.equals(appid)) || (cmd.subAppid != null && !cmd.subAppid.equals(m.appid))) {
            out.code = ResultCode.APPID_MCHID_NOT_MATCH;
            return null;
        }
        return m;
    }

    /**
     * The merchant whose money a command is about ({@code cmd.mchid}), after checking who acts: a
     * direct request acts for itself; a partner request ({@code cmd.spMchid}) must come from a
     * service provider acting for one of its own sub-merchants (NO_AUTH otherwise).
     */
    static Merchant owner(State s, Command cmd, MatchResult out) {
        if (cmd.spMchid != null) {
            Merchant sp = s.merchant(cmd.spMchid);
            if (sp == null) {
                out.code = ResultCode.MCH_NOT_EXISTS;
                return null;
            }
            if (!sp.serviceProvider) {
                out.code = ResultCode.NO_AUTH;
                return null;
            }
        }
        Merchant m = s.merchant(cmd.mchid);
        if (m == null) {
            out.code = cmd.spMchid != null ? ResultCode.NO_AUTH : ResultCode.MCH_NOT_EXISTS;
            return null;
        }
        if (cmd.spMchid != null && !cmd.spMchid.equals(m.spMchid)) {
            out.code = ResultCode.NO_AUTH;
            return null;
        }
        return m;
    }

    static Order register(State s, Merchant m, Command cmd) {
        Order o = new Order();
        o.initFrom(cmd);
        shareStrings(s, m, o);
        m.ordersByOutTradeNo.put(o);
        s.ordersInOrder.add(o);
        return o;
    }

    /**
     * Points the new order's mchid, appid and notify_url at equal strings already kept (the
     * merchant's own, or the previous order's notify_url) rather than the command's fresh copies: the
     * state is the same, and a million orders keep a few hundred MB fewer bytes and objects for every
     * GC to copy and trace.
     */
    private static void shareStrings(State s, Merchant m, Order o) {
        o.mchid = m.mchid; // the merchant was found by this mchid
        if (o.appid != null && o.appid.equals(m.appid)) {
            o.appid = m.appid;
        }
        if (o.notifyUrl != null && !s.ordersInOrder.isEmpty()) {
            String previous = s.ordersInOrder.get(s.ordersInOrder.size() - 1).notifyUrl;
            if (o.notifyUrl.equals(previous)) {
                o.notifyUrl = previous;
            }
        }
    }

    static void closeOrder(State s, Command cmd, MatchResult out) {
        Order o = find(s, cmd, out);
        if (o == null) {
            return;
        }
        switch (o.state) {
            case NOTPAY -> {
                close(o, cmd.acceptedAtMillis);
                out.code = ResultCode.OK;
            }
            case CLOSED -> out.code = ResultCode.OK_REPEATED;
            case USERPAYING, REVOKED, PAYERROR -> out.code = ResultCode.ORDER_NOT_CLOSABLE;
            case SUCCESS, REFUND -> out.code = o.tradeType == TradeType.MICROPAY
                    ? ResultCode.ORDER_NOT_CLOSABLE : ResultCode.ORDER_PAID;
            default -> throw new IllegalStateException("unknown trade state " + o.state);
        }
        out.order(o);
    }

    static void close(Order o, long atMillis) {
        o.state = TradeState.CLOSED;
        o.closedAtMillis = atMillis;
    }

    static void queryOrder(State s, Command cmd, MatchResult out) {
        Order o = find(s, cmd, out);
        if (o != null) {
            out.code = ResultCode.OK;
            out.order(o);
        }
    }

    /** The command's order by transaction_id or out_trade_no, within its merchant only. */
    static Order find(State s, Command cmd, MatchResult out) {
        Merchant m = owner(s, cmd, out);
        if (m == null) {
            return null;
        }
        Order o;
        if (cmd.transactionId != null) {
            o = s.ordersByTransactionId.get(cmd.transactionId);
            if (o != null && !o.mchid.equals(m.mchid)) {
                o = null; // another merchant's order does not exist for this one
            }
        } else {
            o = m.ordersByOutTradeNo.get(cmd.outTradeNo);
        }
        if (o == null) {
            out.code = ResultCode.ORDER_NOT_EXIST;
        }
        return o;
    }
}
