package io.paygate.gateway.matcher;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.TradeType;
import java.util.Objects;

/**
 * Money in: a payer pays an order (sandbox scan or JSAPI/App confirmation), the merchant scans a
 * pay code (codepay, with the password step above the password-free limit), and reversal.
 */
final class Payments {
    private Payments() {
    }

    /** Sandbox: the payer pays the order behind a code_url token or prepay_id. */
    static void payOrder(State s, Command cmd, MatchResult out) {
        Payer payer = s.payers.get(cmd.openid);
        if (payer == null) {
            out.code = ResultCode.PAYER_NOT_EXIST;
            return;
        }
        Order o = s.ordersByToken.get(cmd.token);
        if (o == null) {
            out.code = ResultCode.ORDER_NOT_EXIST;
            return;
        }
        ResultCode refusal = payable(s, o);
        if (refusal == null && payer.status != PayerStatus.ACTIVE) {
            refusal = ResultCode.PAYER_ACCOUNT_ERROR;
        }
        if (refusal == null && o.tradeType == TradeType.JSAPI && !o.requiredOpenid.equals(payer.openid)) {
            refusal = ResultCode.BUYER_MISMATCH;
        }
        if (refusal == null && !s.ledger.covers(payer.account, o.totalFen)) {
            refusal = ResultCode.PAYER_NOT_ENOUGH;
        }
        if (refusal != null) {
            out.code = refusal;
            out.order(o);
            return;
        }
        settle(s, o, payer, cmd, out);
        out.code = ResultCode.OK;
        out.order(o);
    }

    private static ResultCode payable(State s, Order o) {
        return switch (o.state) {
            case NOTPAY -> o.deadlineMillis != 0 && o.deadlineMillis <= s.nowMillis ? ResultCode.ORDER_CLOSED : null;
            case SUCCESS, REFUND -> ResultCode.ALREADY_PAID;
            case CLOSED -> ResultCode.ORDER_CLOSED;
            case REVOKED -> ResultCode.ORDER_REVOKED;
            case USERPAYING, PAYERROR -> ResultCode.ORDER_NOT_USERPAYING;
        };
    }

    /**
     * Moves the money and marks the order paid (validated by the caller). Every payment but codepay
     * (which answers synchronously, like WeChat's) is announced with TRANSACTION.SUCCESS.
     */
    private static void settle(State s, Order o, Payer payer, Command cmd, MatchResult out) {
        Merchant m = s.merchants.get(o.mchid);
        long fee = Money.fee(o.totalFen, m.feeRatePpm);
        s.ledger.transfer(payer.account, m.account, o.totalFen, cmd.sequence);
        if (fee > 0) {
            s.ledger.transfer(m.account, Ledger.FEE_INCOME_ACCOUNT, fee, cmd.sequence);
        }
        o.state = TradeState.SUCCESS;
        o.feeFen = fee;
        Commissions.charge(s, m, o, cmd.sequence);
        o.payerOpenid = payer.openid;
        o.payerTotalFen = o.totalFen;
        o.successTimeMillis = cmd.acceptedAtMillis;
        o.transactionId = Money.id("4200", cmd.acceptedAtMillis, cmd.sequence, s.idScratch);
        s.ordersByTransactionId.put(o);
        if (o.tradeType != TradeType.MICROPAY && o.notifyUrl != null) {
            // a partner order's notification goes to the service provider that placed it
            out.addEvent(EventType.TRANSACTION_SUCCESS, o.spMchid != null ? o.spMchid : o.mchid, o.notifyUrl)
                    .order.copyFrom(o);
        }
    }

    /**
     * The merchant scanned the payer's pay code. Within the password-free limit ({@code totalFen} of
     * the command, fixed by the acceptor) the payment settles at once; above it the order waits for
     * the payer's password (USERPAYING) until {@code deadlineMillis}, then is revoked.
     */
    static void codepay(State s, Command cmd, MatchResult out) {
        Merchant m = Orders.merchantFor(s, cmd, out);
        if (m == null) {
            return;
        }
        Order existing = m.ordersByOutTradeNo.get(cmd.outTradeNo);
        if (existing != null) {
            boolean same = existing.tradeType == TradeType.MICROPAY && existing.sameTerms(cmd)
                    && Objects.equals(existing.token, cmd.token);
            out.code = same ? ResultCode.OK_REPEATED : ResultCode.OUT_TRADE_NO_USED;
            if (same) {
                out.order(existing);
            }
            return;
        }
        AuthCode code = s.authCodes.get(cmd.token);
        if (code == null || code.used) {
            out.code = ResultCode.AUTH_CODE_INVALID;
            return;
        }
        if (code.expiresAtMillis <= s.nowMillis) {
            out.code = ResultCode.AUTH_CODE_EXPIRED;
            return;
        }
        Payer payer = s.payers.get(code.openid);
        if (payer.status != PayerStatus.ACTIVE) {
            out.code = ResultCode.PAYER_ACCOUNT_ERROR;
            return;
        }
        boolean needsPassword = cmd.amountFen > cmd.totalFen;
        if (!needsPassword && !s.ledger.covers(payer.account, cmd.amountFen)) {
            out.code = ResultCode.PAYER_NOT_ENOUGH;
            return;
        }
        code.used = true;
        Order o = Orders.register(s, m, cmd);
        o.payerOpenid = payer.openid;
        if (needsPassword) {
            o.state = TradeState.USERPAYING;
            if (o.deadlineMillis > 0) {
                s.orderDeadlines.add(o);
            }
        } else {
            settle(s, o, payer, cmd, out);
        }
        out.code = ResultCode.OK;
        out.order(o);
    }

    /** Sandbox: the payer enters the password for a USERPAYING codepay order. */
    static void confirm(State s, Command cmd, MatchResult out) {
        Payer payer = s.payers.get(cmd.openid);
        if (payer == null) {
            out.code = ResultCode.PAYER_NOT_EXIST;
            return;
        }
        Order o = Orders.find(s, cmd, out);
        if (o == null) {
            return;
        }
        ResultCode refusal = null;
        if (o.state != TradeState.USERPAYING) {
            refusal = o.state == TradeState.REVOKED ? ResultCode.ORDER_REVOKED
                    : o.state == TradeState.SUCCESS || o.state == TradeState.REFUND ? ResultCode.ALREADY_PAID
                    : ResultCode.ORDER_NOT_USERPAYING;
        } else if (!payer.openid.equals(o.payerOpenid)) {
            refusal = ResultCode.BUYER_MISMATCH;
        } else if (payer.status != PayerStatus.ACTIVE) {
            refusal = ResultCode.PAYER_ACCOUNT_ERROR;
        } else if (o.deadlineMillis <= s.nowMillis) {
            refusal = ResultCode.ORDER_REVOKED; // lapsed; the next tick revokes it
        } else if (!s.ledger.covers(payer.account, o.totalFen)) {
            refusal = ResultCode.PAYER_NOT_ENOUGH;
        }
        if (refusal != null) {
            out.code = refusal;
            out.order(o);
            return;
        }
        settle(s, o, payer, cmd, out);
        out.code = ResultCode.OK;
        out.order(o);
    }

    /** Reverse a codepay order: revoke it, giving the payer back everything if it was paid. */
    static void reverse(State s, Command cmd, MatchResult out) {
        Order o = Orders.find(s, cmd, out);
        if (o == null) {
            return;
        }
        if (cmd.appid != null && !cmd.appid.equals(o.appid)) {
            out.code = ResultCode.APPID_MCHID_NOT_MATCH;
            return;
        }
        if (o.tradeType != TradeType.MICROPAY || o.state == TradeState.REFUND) {
            out.code = ResultCode.ORDER_NOT_REVERSIBLE;
            out.order(o);
            return;
        }
        switch (o.state) {
            case REVOKED -> out.code = ResultCode.OK_REPEATED;
            case USERPAYING, PAYERROR, NOTPAY -> {
                revoke(o);
                out.code = ResultCode.OK;
            }
            case SUCCESS -> {
                Merchant m = s.merchants.get(o.mchid);
                long back = o.totalFen - o.feeFen;
                if (!s.ledger.covers(m.account, back)) {
                    out.code = ResultCode.MERCHANT_NOT_ENOUGH;
                    out.order(o);
                    return;
                }
                Payer payer = s.payers.get(o.payerOpenid);
                if (o.feeFen > 0) {
                    Commissions.giveBack(s, m, o, o.feeFen - o.feeRefundedFen, o.totalFen, cmd.sequence);
                    s.ledger.transfer(Ledger.FEE_INCOME_ACCOUNT, m.account, o.feeFen, cmd.sequence);
                }
                s.ledger.transfer(m.account, payer.account, o.totalFen, cmd.sequence);
                o.feeRefundedFen = o.feeFen;
                revoke(o);
                out.code = ResultCode.OK;
            }
            default -> throw new IllegalStateException("unexpected state " + o.state);
        }
        out.order(o);
    }

    static void revoke(Order o) {
        o.state = TradeState.REVOKED;
    }
}
