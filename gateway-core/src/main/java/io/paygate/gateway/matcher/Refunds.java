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
        Merchant m = s.merchant(cmd.mchid);
        if (m == null) {
            out.code = ResultCode.MCH_NOT_EXISTS;
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
        if (feeBack > 0) {
            s.ledger.transfer(Ledger.FEE_INCOME_ACCOUNT, m.account, feeBack, cmd.sequence);
        }
        s.ledger.transfer(m.account, Ledger.REFUND_TRANSIT_ACCOUNT, cmd.amountFen, cmd.sequence);
        o.refundedFen = refundedAfter;
        o.feeRefundedFen += feeBack;
        o.refundCount++;
        o.state = TradeState.REFUND;

        Refund r = new Refund();
        r.mchid = m.mchid;
        r.outRefundNo = cmd.outRefundNo;
        r.refundId = Money.id("5030", cmd.acceptedAtMillis, cmd.sequence);
        r.outTradeNo = o.outTradeNo;
        r.transactionId = o.transactionId;
        r.refundFen = cmd.amountFen;
        r.orderTotalFen = o.totalFen;
        r.feeRefundFen = feeBack;
        r.reason = cmd.reason;
        r.notifyUrl = cmd.notifyUrl;
        r.status = RefundStatus.PROCESSING;
        r.createdAtMillis = cmd.acceptedAtMillis;
        r.createdSequence = cmd.sequence;
        m.refundsByOutRefundNo.put(r.outRefundNo, r);
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
        Merchant m = s.merchant(cmd.mchid);
        if (m == null) {
            out.code = ResultCode.MCH_NOT_EXISTS;
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

    /** Settles every PROCESSING refund: transit → payer, SUCCESS at the tick's time. */
    static void settleAll(State s, Command tick) {
        while (!s.refundsToSettle.isEmpty()) {
            Refund r = s.refundsToSettle.pollFirst();
            Order o = s.merchants.get(r.mchid).ordersByOutTradeNo.get(r.outTradeNo);
            Payer payer = s.payers.get(o.payerOpenid);
            s.ledger.transfer(Ledger.REFUND_TRANSIT_ACCOUNT, payer.account, r.refundFen, tick.sequence);
            r.status = RefundStatus.SUCCESS;
            r.successTimeMillis = Math.max(tick.acceptedAtMillis, r.createdAtMillis);
        }
    }
}
