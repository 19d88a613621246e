package io.paygate.gateway.matcher;

import java.lang.reflect.Field;

/**
 * Read-only window into a matcher's private state for tests: ledger balances by owner, live orders
 * and refunds. Tests share the matcher's package, so {@link State} and {@link Ledger} are visible;
 * only {@code Matcher.s} needs reflection.
 */
final class MatcherProbe {
    private static final Field STATE;

    static {
        try {
            STATE = Matcher.class.getDeclaredField("s");
            STATE.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final State s;

    MatcherProbe(Matcher matcher) {
        try {
            this.s = (State) STATE.get(matcher);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    State state() {
        return s;
    }

    long funding() {
        return s.ledger.balance(Ledger.FUNDING_ACCOUNT);
    }

    long feeIncome() {
        return s.ledger.balance(Ledger.FEE_INCOME_ACCOUNT);
    }

    long transit() {
        return s.ledger.balance(Ledger.REFUND_TRANSIT_ACCOUNT);
    }

    long merchantBalance(String mchid) {
        return s.ledger.balance(s.merchants.get(mchid).account);
    }

    long payerBalance(String openid) {
        return s.ledger.balance(s.payers.get(openid).account);
    }

    boolean hasPayer(String openid) {
        return s.payers.containsKey(openid);
    }

    /** The live order, or null. */
    Order order(String mchid, String outTradeNo) {
        Merchant m = s.merchants.get(mchid);
        return m == null ? null : m.ordersByOutTradeNo.get(outTradeNo);
    }

    /** The live refund, or null. */
    Refund refund(String mchid, String outRefundNo) {
        Merchant m = s.merchants.get(mchid);
        return m == null ? null : m.refundsByOutRefundNo.get(outRefundNo);
    }

    int pendingRefunds() {
        return s.refundsToSettle.size();
    }

    boolean authCodeLive(String code) {
        return s.authCodes.containsKey(code);
    }

    long nowMillis() {
        return s.nowMillis;
    }

    /**
     * Everything in the state except the clock and the last sequence, as text: two fingerprints are
     * equal when a command changed nothing but time. The ledger part covers the transfer count and
     * digest, so any movement of money shows.
     */
    String fingerprintExceptClock() {
        StringBuilder sb = new StringBuilder();
        sb.append("accounts=").append(s.ledger.accounts()).append(" transfers=").append(s.ledger.transfers())
                .append(" digest=").append(s.ledger.digest()).append('\n');
        for (int i = 0; i < s.ledger.accounts(); i++) {
            sb.append(s.ledger.balance(i)).append(',');
        }
        sb.append('\n');
        for (Order o : s.ordersInOrder) {
            sb.append(describe(o)).append('\n');
        }
        for (Refund r : s.refundsInOrder) {
            sb.append(r.mchid).append('/').append(r.outRefundNo).append(' ').append(r.status).append(' ')
                    .append(r.refundFen).append(' ').append(r.feeRefundFen).append(' ').append(r.successTimeMillis)
                    .append('\n');
        }
        for (AuthCode a : s.authCodes.values()) {
            sb.append(a.code).append(' ').append(a.openid).append(' ').append(a.expiresAtMillis).append(' ')
                    .append(a.used).append('\n');
        }
        sb.append("merchants=").append(s.merchantsInOrder.size()).append(" payers=").append(s.payersInOrder.size())
                .append(" deadlines=").append(s.orderDeadlines.size()).append(" codeExpiries=")
                .append(s.authCodeExpiries.size()).append(" toSettle=").append(s.refundsToSettle.size());
        return sb.toString();
    }

    static String describe(Order o) {
        return o.mchid + "/" + o.outTradeNo + " " + o.tradeType + " " + o.state + " total=" + o.totalFen
                + " payer=" + o.payerOpenid + " paid=" + o.payerTotalFen + " fee=" + o.feeFen + " feeRefunded="
                + o.feeRefundedFen + " refunded=" + o.refundedFen + " refunds=" + o.refundCount + " tx="
                + o.transactionId + " success=" + o.successTimeMillis + " closed=" + o.closedAtMillis + " deadline="
                + o.deadlineMillis;
    }
}
