package io.paygate.gateway.matcher;

import io.paygate.codec.command.Command;
import java.util.Collections;
import java.util.List;

/**
 * The deterministic state machine. {@link #apply(Command, MatchResult)} is the only way state
 * changes; each command is validated completely before the first mutation, and every outcome is a
 * {@link ResultCode}. The ledger's cheap invariants are checked on every transfer; the full ones
 * ({@link #checkInvariants()}) after every step in tests, at start-up and in {@code paygate verify}.
 *
 * <p>Not thread-safe by design: exactly one thread calls it.
 */
public final class Matcher {

    /** At most this many refunds per order (WeChat's rule). */
    public static final int REFUNDS_PER_ORDER_MAX = 50;

    private final State s = new State();

    /** Applies one command and writes the outcome into {@code out}. */
    public void apply(Command cmd, MatchResult out) {
        out.reset();
        if (!cmd.type.isQuery()) {
            Invariants.check(cmd.sequence == s.lastSequence + 1, "journal sequence gap", s.lastSequence, cmd.sequence);
            s.lastSequence = cmd.sequence;
            // time only moves forward, whatever order the event loops stamped their commands in
            s.nowMillis = Math.max(s.nowMillis, cmd.acceptedAtMillis);
        }
        switch (cmd.type) {
            case PROVISION_MERCHANT -> Orders.provisionMerchant(s, cmd, out);
            case CREATE_ORDER -> Orders.createOrder(s, cmd, out);
            case CLOSE_ORDER -> Orders.closeOrder(s, cmd, out);
            case QUERY_ORDER -> Orders.queryOrder(s, cmd, out);
            case CREATE_PAYER -> Payers.create(s, cmd, out);
            case SET_PAYER_STATUS -> Payers.setStatus(s, cmd, out);
            case QUERY_PAYER -> Payers.query(s, cmd, out);
            case ISSUE_AUTH_CODE -> Payers.issueAuthCode(s, cmd, out);
            case PAY_ORDER -> Payments.payOrder(s, cmd, out);
            case CODEPAY -> Payments.codepay(s, cmd, out);
            case CONFIRM_CODEPAY -> Payments.confirm(s, cmd, out);
            case REVERSE_ORDER -> Payments.reverse(s, cmd, out);
            case CREATE_REFUND -> Refunds.create(s, cmd, out);
            case QUERY_REFUND -> Refunds.query(s, cmd, out);
            case TICK -> Ticks.tick(s, cmd, out);
            case LEDGER_SUMMARY -> ledgerSummary(out);
            default -> throw new IllegalArgumentException("command type not handled: " + cmd.type);
        }
    }

    private void ledgerSummary(MatchResult out) {
        out.code = ResultCode.OK;
        out.accounts = s.ledger.accounts();
        out.balanceSum = s.ledger.sum();
        out.negativeAccounts = s.ledger.negativeAccounts();
        out.stateHash = stateHash();
    }

    /**
     * The full invariants, O(state): the ledger sums to zero, no payer, merchant, fee or transit
     * account is negative, and every order's refunds stay within what was paid.
     *
     * @throws Invariants.InvariantViolation on the first breach
     */
    public void checkInvariants() {
        Invariants.check(s.ledger.sum() == 0, "ledger does not sum to zero", s.ledger.sum(), 0);
        Invariants.check(s.ledger.negativeAccounts() == 0, "negative balances", s.ledger.negativeAccounts(), 0);
        long transit = 0;
        for (Refund r : s.refundsToSettle) {
            transit = Math.addExact(transit, r.refundFen);
        }
        Invariants.check(s.ledger.balance(Ledger.REFUND_TRANSIT_ACCOUNT) == transit,
                "refund transit differs from PROCESSING refunds", s.ledger.balance(Ledger.REFUND_TRANSIT_ACCOUNT), transit);
        for (Order o : s.ordersInOrder) {
            Invariants.check(o.refundedFen >= 0 && o.refundedFen <= o.payerTotalFen, "refunded more than paid",
                    o.refundedFen, o.payerTotalFen);
            Invariants.check(o.feeRefundedFen >= 0 && o.feeRefundedFen <= o.feeFen, "fee refunded beyond the fee",
                    o.feeRefundedFen, o.feeFen);
            Invariants.check(o.refundCount <= REFUNDS_PER_ORDER_MAX, "too many refunds", o.refundCount,
                    REFUNDS_PER_ORDER_MAX);
        }
    }

    /** The last journal sequence applied. */
    public long lastSequence() {
        return s.lastSequence;
    }

    /** The earliest time a TICK has work to do; the ticker reads it (through the matcher stage). */
    public long nextDeadlineMillis() {
        return Ticks.nextDeadline(s);
    }

    /** Number of merchants. */
    public int merchantCount() {
        return s.merchantsInOrder.size();
    }

    /** Merchants in provisioning order (read-only). */
    public List<Merchant> merchants() {
        return Collections.unmodifiableList(s.merchantsInOrder);
    }

    /** Counts for tools and reports. */
    public long orderCount() {
        return s.ordersInOrder.size();
    }

    public long payerCount() {
        return s.payersInOrder.size();
    }

    public long refundCount() {
        return s.refundsInOrder.size();
    }

    public long accountCount() {
        return s.ledger.accounts();
    }

    public long balanceSum() {
        return s.ledger.sum();
    }

    public long negativeAccounts() {
        return s.ledger.negativeAccounts();
    }

    /**
     * SHA-256 over the whole state in a canonical order. Equal hashes mean equal state; replaying
     * the same journal always gives the same hash.
     */
    public String stateHash() {
        StateHasher h = new StateHasher();
        h.add(s.lastSequence).add(s.nowMillis);
        s.ledger.hashInto(h);
        h.add(s.merchantsInOrder.size());
        for (Merchant m : s.merchantsInOrder) {
            h.add(m.mchid).add(m.name).add(m.appid).add(m.serialNo).add(m.publicKeyDer).add(m.apiV3Key)
                    .add(m.apiV2Key).add(m.feeRatePpm).add(m.createdAtMillis).add(m.account);
        }
        h.add(s.payersInOrder.size());
        for (Payer p : s.payersInOrder) {
            h.add(p.openid).add(p.account).add(p.createdAtMillis).add(p.status);
        }
        h.add(s.authCodes.size());
        for (AuthCode a : s.authCodes.values()) {
            h.add(a.code).add(a.openid).add(a.expiresAtMillis).add(a.issuedSequence).add(a.used ? 1 : 0);
        }
        h.add(s.ordersInOrder.size());
        for (Order o : s.ordersInOrder) {
            hashOrder(h, o);
        }
        h.add(s.refundsInOrder.size());
        for (Refund r : s.refundsInOrder) {
            h.add(r.mchid).add(r.outRefundNo).add(r.refundId).add(r.outTradeNo).add(r.transactionId).add(r.refundFen)
                    .add(r.orderTotalFen).add(r.feeRefundFen).add(r.reason).add(r.notifyUrl).add(r.status)
                    .add(r.createdAtMillis).add(r.createdSequence).add(r.successTimeMillis);
        }
        h.add(s.refundsToSettle.size()).add(s.orderDeadlines.size()).add(s.authCodeExpiries.size());
        return h.hex();
    }

    private static void hashOrder(StateHasher h, Order o) {
        h.add(o.mchid).add(o.appid).add(o.outTradeNo).add(o.tradeType).add(o.description).add(o.attach)
                .add(o.notifyUrl).add(o.goodsTag).add(o.timeExpireMillis).add(o.totalFen).add(o.requiredOpenid)
                .add(o.deviceId).add(o.payerClientIp).add(o.storeId).add(o.flags).add(o.token)
                .add(o.createdAtMillis).add(o.createdSequence).add(o.deadlineMillis).add(o.state).add(o.transactionId)
                .add(o.payerOpenid).add(o.payerTotalFen).add(o.successTimeMillis).add(o.closedAtMillis).add(o.feeFen)
                .add(o.feeRefundedFen).add(o.refundedFen).add(o.refundCount);
    }
}
