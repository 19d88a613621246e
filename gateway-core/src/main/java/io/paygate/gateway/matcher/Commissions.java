package io.paygate.gateway.matcher;

/**
 * A service provider's commission (服务商返佣): its share of the fee a sub-merchant pays on each
 * payment, moved from platform fee income to the provider's own account, and moved back in step
 * with the fee when a refund or a reversal returns the fee to the merchant. The merchant's money is
 * the same with or without a provider; only the fee is split.
 *
 * <p>Per order, the fee splits into the platform's part and the provider's part, and neither part
 * is ever given back beyond what it received, so fee income and the provider's account never go
 * below zero whatever the rounding.
 */
final class Commissions {
    private Commissions() {
    }

    /** After a payment's fee reached fee income: pays the provider its share of it. */
    static void charge(State s, Merchant m, Order o, long sequence) {
        if (m.spMchid == null || m.commissionPpm <= 0 || o.feeFen <= 0) {
            return;
        }
        long commission = Math.multiplyExact(o.feeFen, m.commissionPpm) / 1_000_000L;
        if (commission > 0) {
            s.ledger.transfer(Ledger.FEE_INCOME_ACCOUNT, s.merchants.get(m.spMchid).account, commission, sequence);
            o.commissionFen = commission;
        }
    }

    /**
     * Before {@code feeBack} goes from fee income back to the merchant (with {@code refundedAfter}
     * of the order refunded): brings the provider's proportional share of it back into fee income.
     *
     * @return the commission brought back
     */
    static long giveBack(State s, Merchant m, Order o, long feeBack, long refundedAfter, long sequence) {
        long remaining = o.commissionFen - o.commissionRefundedFen;
        if (remaining <= 0) {
            return 0;
        }
        long platformRemaining = (o.feeFen - o.commissionFen) - (o.feeRefundedFen - o.commissionRefundedFen);
        long target = Money.feeRefundedAfter(o.commissionFen, refundedAfter, o.totalFen) - o.commissionRefundedFen;
        // at least what the platform's part cannot cover, at most what the provider still holds
        long back = Math.min(remaining, Math.min(feeBack, Math.max(target, feeBack - platformRemaining)));
        if (back > 0) {
            s.ledger.transfer(s.merchants.get(m.spMchid).account, Ledger.FEE_INCOME_ACCOUNT, back, sequence);
            o.commissionRefundedFen += back;
        }
        return Math.max(back, 0);
    }

    /** A refund failed and its fee went back to fee income: the provider gets its share again. */
    static void takeBackAgain(State s, Merchant m, Order o, long commissionBack, long sequence) {
        if (commissionBack <= 0) {
            return;
        }
        s.ledger.transfer(Ledger.FEE_INCOME_ACCOUNT, s.merchants.get(m.spMchid).account, commissionBack, sequence);
        o.commissionRefundedFen -= commissionBack;
    }
}
