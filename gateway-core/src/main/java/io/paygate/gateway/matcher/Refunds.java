package io.paygate.gateway.matcher;

import io.paygate.codec.command.Command;
import java.util.Objects;

/**
 * Money back: a merchant refunds (part of) a paid order. On acceptance the refund moves from the
 * merchant's settlement account into the refund transit account (with the proportional fee given
 * back to the merchant first) and is PROCESSING; the next tick settles it to the payer (SUCCESS).
 */
final class Refunds {
    private Refunds() {
    }

    static void create(State s, Command cmd, MatchResult out) {
        Merchant m = Orders.owner(s, cmd, out);
        if (m == null) {
            return;
        }
        Refund existing = m.refundsByOutRefundNo.get(cmd.outRefundNo);
        if (existing != null) {
            repeat(s, existing, cmd, out);
            return;
        }
        Order o = Orders.find(s, cmd, out);
        if (o == null) {
            return;
        }
        ResultCode refusal = refusal(s, m, o, cmd);
        if (refusal != null) {
            out.code = refusal;
            return;
        }
        long refundedAfter = o.refundedFen + cmd.amountFen;
        long feeBack = Money.feeRefundedAfter(o.feeFen, refundedAfter, o.totalFen) - o.feeRefundedFen;
        long commissionBack = 0;
        if (feeBack > 0) {
            commissionBack = Commissions.giveBack(s, m, o, feeBack, refundedAfter, cmd.sequence);
            s.ledger.transfer(Ledger.FEE_INCOME_ACCOUNT, m.account, feeBack, cmd.sequence);
        }
        s.ledger.transfer(m.account, Ledger.REFUND_TRANSIT_ACCOUNT, cmd.amountFen, cmd.sequence);
        o.refundedFen = refundedAfter;
        o.feeRefundedFen += feeBack;
        o.refundCount++;
        o.state = TradeState.REFUND;

        Refund r = new Refund();
        r.mchid = m.mchid;
        r.spMchid = o.spMchid;
        r.outRefundNo = cmd.outRefundNo;
        r.refundId = Money.id("5030", cmd.acceptedAtMillis, cmd.sequence, s.idScratch);
        r.outTradeNo = o.outTradeNo;
        r.transactionId = o.transactionId;
        r.refundFen = cmd.amountFen;
        r.orderTotalFen = o.totalFen;
        r.feeRefundFen = feeBack;
        r.commissionRefundFen = commissionBack;
        r.reason = cmd.reason;
        r.notifyUrl = cmd.notifyUrl;
        r.status = RefundStatus.PROCESSING;
        r.createdAtMillis = cmd.acceptedAtMillis;
        r.createdSequence = cmd.sequence;
        m.refundsByOutRefundNo.put(r);
        s.refundsInOrder.add(r);
        s.refundsToSettle.addLast(r);
        out.code = ResultCode.OK;
        out.refund(r);
    }

    private static ResultCode refusal(State s, Merchant m, Order o, Command cmd) {
        if (o.state != TradeState.SUCCESS && o.state != TradeState.REFUND) {
            return ResultCode.ORDER_NOT_PAID;
        }
        if (cmd.totalFen != o.totalFen) {
            return ResultCode.REFUND_TOTAL_MISMATCH;
        }
        if (o.refundCount >= Matcher.REFUNDS_PER_ORDER_MAX) {
            return ResultCode.REFUND_LIMIT;
        }
        if (cmd.amountFen > o.totalFen - o.refundedFen) {
            return ResultCode.REFUND_EXCEEDS_PAID;
        }
        long feeBack = Money.feeRefundedAfter(o.feeFen, o.refundedFen + cmd.amountFen, o.totalFen) - o.feeRefundedFen;
        if (!s.ledger.covers(m.account, cmd.amountFen - feeBack)) {
            return ResultCode.MERCHANT_NOT_ENOUGH;
        }
        return null;
    }

    /** Same out_refund_no: the same refund if the request is the same, else a conflict. */
    private static void repeat(State s, Refund existing, Command cmd, MatchResult out) {
        boolean sameOrder = cmd.transactionId != null
                ? cmd.transactionId.equals(existing.transactionId)
                : Objects.equals(cmd.outTradeNo, existing.outTradeNo);
        if (sameOrder && cmd.amountFen == existing.refundFen && cmd.totalFen == existing.orderTotalFen) {
            out.code = ResultCode.OK_REPEATED;
            out.refund(existing);
        } else {
            out.code = ResultCode.OUT_REFUND_NO_USED;
        }
    }

    static void query(State s, Command cmd, MatchResult out) {
        Merchant m = Orders.owner(s, cmd, out);
        if (m == null) {
            return;
        }
        Refund r = m.refundsByOutRefundNo.get(cmd.outRefundNo);
        if (r == null) {
            out.code = ResultCode.REFUND_NOT_EXIST;
            return;
        }
        out.code = ResultCode.OK;
        out.refund(r);
    }

    /**
     * At most this many refunds settle per tick (the rest wait for the next one, which comes at once):
     * each makes up to two transfers and one event, and a command's transfer and event ids have room
     * for {@value Ledger#TRANSFERS_PER_COMMAND_MAX}.
     */
    static final int SETTLEMENTS_PER_TICK_MAX = 100;

    /**
     * Settles PROCESSING refunds in the order they were made: to an active wallet the money goes
     * from transit to the payer (SUCCESS); to a frozen wallet the refund fails (ABNORMAL), to a closed
     * one it is closed (CLOSED), and either way the money and the fee given back return to where they
     * came from, so the merchant can refund again. Each outcome is announced to the refund's
     * notify_url (or the order's).
     */
    static void settleAll(State s, Command tick, MatchResult out) {
        for (int n = 0; n < SETTLEMENTS_PER_TICK_MAX && !s.refundsToSettle.isEmpty(); n++) {
            Refund r = s.refundsToSettle.pollFirst();
            Merchant m = s.merchants.get(r.mchid);
            Order o = m.ordersByOutTradeNo.get(r.outTradeNo);
            Payer payer = s.payers.get(o.payerOpenid);
            EventType event;
            if (payer.status == PayerStatus.ACTIVE) {
                s.ledger.transfer(Ledger.REFUND_TRANSIT_ACCOUNT, payer.account, r.refundFen, tick.sequence);
                r.status = RefundStatus.SUCCESS;
                r.successTimeMillis = Math.max(tick.acceptedAtMillis, r.createdAtMillis);
                event = EventType.REFUND_SUCCESS;
            } else {
                s.ledger.transfer(Ledger.REFUND_TRANSIT_ACCOUNT, m.account, r.refundFen, tick.sequence);
                if (r.feeRefundFen > 0) {
                    s.ledger.transfer(m.account, Ledger.FEE_INCOME_ACCOUNT, r.feeRefundFen, tick.sequence);
                    Commissions.takeBackAgain(s, m, o, r.commissionRefundFen, tick.sequence);
                }
                o.refundedFen -= r.refundFen;
                o.feeRefundedFen -= r.feeRefundFen;
                boolean frozen = payer.status == PayerStatus.FROZEN;
                r.status = frozen ? RefundStatus.ABNORMAL : RefundStatus.CLOSED;
                event = frozen ? EventType.REFUND_ABNORMAL : EventType.REFUND_CLOSED;
            }
            String notifyUrl = r.notifyUrl != null ? r.notifyUrl : o.notifyUrl;
            if (notifyUrl != null) {
                out.addEvent(event, r.spMchid != null ? r.spMchid : r.mchid, notifyUrl).refund.copyFrom(r);
            }
        }
    }
}
