package io.paygate.gateway.matcher;

import io.paygate.codec.command.Command;
import io.paygate.gateway.matcher.SimModel.Expect;
import io.paygate.gateway.matcher.SimModel.MCode;
import io.paygate.gateway.matcher.SimModel.MMerchant;
import io.paygate.gateway.matcher.SimModel.MOrder;
import io.paygate.gateway.matcher.SimModel.MPayer;
import io.paygate.gateway.matcher.SimModel.MRefund;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Drives a matcher with {@link SimWorkload} and holds it against {@link SimModel} after every step:
 * the result code and the order, refund or payer it reports; the fixed ledger accounts and every
 * merchant; every payer, live order and refund the command touched (for a tick: everything it closed,
 * revoked or settled); the counts and the clock; {@link Matcher#checkInvariants()}; and every
 * {@value #SWEEP_EVERY} steps and at the end, every payer, order, refund and pay code.
 * At the end the ledger must sum to zero with no negative account.
 *
 * <p>Every failure is an AssertionError whose message starts with {@code seed=<seed>} and names the
 * step and the command, so {@code -Dpaygate.seed=<seed>} replays it exactly.
 */
final class MatcherSimulation {

    static final int SWEEP_EVERY = 2_000;

    /** What the simulation drives: the real matcher, or a deliberately broken wrapper of it. */
    interface Target {
        void apply(Command cmd, MatchResult out);

        /** The real matcher underneath, for probing state. */
        Matcher matcher();
    }

    static Target of(Matcher m) {
        return new Target() {
            @Override
            public void apply(Command cmd, MatchResult out) {
                m.apply(cmd, out);
            }

            @Override
            public Matcher matcher() {
                return m;
            }
        };
    }

    /** What a run saw. */
    record Report(long seed, int commands, Map<ResultCode, Integer> codes, long orders, long payers, long refunds,
                  long merchants, long virtualMillis, String stateHash) {
        @Override
        public String toString() {
            return "seed=" + seed + " commands=" + commands + " merchants=" + merchants + " orders=" + orders
                    + " payers=" + payers + " refunds=" + refunds + " virtual time=" + (virtualMillis / 60_000) + " min"
                    + " state=" + stateHash + "\n  result codes: " + codes;
        }
    }

    private final long seed;
    private final int commands;
    private final Target target;
    private final Matcher matcher;
    private final MatcherProbe probe;
    private final SimModel model = new SimModel();
    private final SimWorkload workload;
    private final boolean verify;
    private final MatchResult out = new MatchResult();
    private final Map<ResultCode, Integer> codes = new EnumMap<>(ResultCode.class);
    private BiConsumer<Command, MatchResult> listener;
    private int step;
    private Command current;

    /**
     * @param verify false: only drive the matcher (replay tests record the journal this way; the
     *     model still runs, since the workload picks its targets from it)
     */
    MatcherSimulation(long seed, int commands, Target target, boolean verify) {
        this.seed = seed;
        this.commands = commands;
        this.target = target;
        this.matcher = target.matcher();
        this.probe = new MatcherProbe(matcher);
        this.workload = new SimWorkload(seed, model);
        this.verify = verify;
    }

    /** Called after each command is applied, with the command as journaled and the matcher's result. */
    MatcherSimulation onApplied(BiConsumer<Command, MatchResult> l) {
        this.listener = l;
        return this;
    }

    Report run() {
        long sequence = matcher.lastSequence();
        for (step = 1; step <= commands; step++) {
            Command cmd = workload.next();
            if (!cmd.type.isQuery()) {
                cmd.sequence = ++sequence;
            }
            current = cmd;
            try {
                target.apply(cmd, out);
            } catch (RuntimeException e) {
                throw fail("the matcher threw " + e, e);
            }
            Expect e = model.apply(cmd);
            workload.observe(cmd, e);
            codes.merge(out.code == null ? ResultCode.HALTED : out.code, 1, Integer::sum);
            if (listener != null) {
                listener.accept(cmd, out);
            }
            if (verify) {
                check(cmd, e);
            }
        }
        current = null;
        if (verify) {
            sweep();
            invariants();
            expect("ledger sum", 0, matcher.balanceSum());
            expect("negative accounts", 0, matcher.negativeAccounts());
            expect("model ledger sum", 0, model.sum());
        }
        return new Report(seed, commands, codes, matcher.orderCount(), matcher.payerCount(), matcher.refundCount(),
                matcher.merchantCount(), model.now - Commands.START_MILLIS, matcher.stateHash());
    }

    // ------------------------------------------------------------------ checks

    private void check(Command cmd, Expect e) {
        if (out.code != e.code) {
            throw fail("result code: matcher " + out.code + ", model " + e.code
                    + (e.order != null ? " (model order " + e.order + ")" : ""), null);
        }
        switch (cmd.type) {
            case PROVISION_MERCHANT -> {
                if (e.code == ResultCode.OK) {
                    expect("assigned mchid", e.merchant.mchid, out.mchid);
                    expect("appid", e.merchant.appid, out.appid);
                }
            }
            case CREATE_PAYER, QUERY_PAYER -> {
                if (e.code == ResultCode.OK) {
                    expect("openid", e.payer.openid, out.openid);
                    expect("payer balance in the result", e.payer.balance, out.balanceFen);
                }
            }
            case ISSUE_AUTH_CODE -> {
                if (e.code == ResultCode.OK) {
                    expect("auth code", e.authCode.code, out.authCode);
                    expect("auth code expiry", e.authCode.expiresAt, out.expiresAtMillis);
                }
            }
            case CREATE_REFUND, QUERY_REFUND -> {
                if (e.refund != null) {
                    expect("result carries the refund", true, out.hasRefund);
                    compareRefund(out.refund, e.refund);
                }
            }
            case LEDGER_SUMMARY -> {
                expect("summary accounts", 3 + model.merchantList.size() + model.payerList.size(), out.accounts);
                expect("summary sum", 0, out.balanceSum);
                expect("summary negative accounts", 0, out.negativeAccounts);
                expect("summary state hash", matcher.stateHash(), out.stateHash);
            }
            default -> {
                if (e.order != null && (e.code == ResultCode.OK || e.code == ResultCode.OK_REPEATED)) {
                    expect("result carries the order", true, out.hasOrder);
                }
                if (e.order != null && out.hasOrder) {
                    compareOrder(out.order, e.order);
                }
            }
        }
        touched(cmd, e);
        expect("orders", model.orders.size(), matcher.orderCount());
        expect("payers", model.payerList.size(), matcher.payerCount());
        expect("refunds", model.refunds.size(), matcher.refundCount());
        expect("merchants", model.merchantList.size(), matcher.merchantCount());
        expect("clock", model.now, probe.nowMillis());
        invariants();
        if (step % SWEEP_EVERY == 0) {
            sweep();
        }
    }

    /**
     * Every account and object the command could have touched: the fixed accounts and every merchant
     * (few), the payers it names or that own its order or refund, the live order and refund, and for
     * a tick each order it closed or revoked and each refund it settled. The rest of the state is
     * compared in full by {@link #sweep()}.
     */
    private void touched(Command cmd, Expect e) {
        expect("funding balance", model.funding, probe.funding());
        expect("fee income", model.feeIncome, probe.feeIncome());
        expect("refund transit", model.transit, probe.transit());
        for (MMerchant m : model.merchantList) {
            expect("merchant " + m.mchid + " balance", m.balance, probe.merchantBalance(m.mchid));
        }
        payer(cmd.openid);
        if (e.order != null) {
            payer(e.order.payer);
            payer(e.order.terms.openid);
            liveOrder(e.order);
        }
        if (e.refund != null) {
            payer(e.refund.order.payer);
            liveOrder(e.refund.order);
            liveRefund(e.refund);
        }
        if (e.authCode != null) {
            payer(e.authCode.openid);
        }
        for (MOrder o : e.lapsed) {
            liveOrder(o);
        }
        for (MRefund r : e.settled) {
            payer(r.order.payer);
            liveRefund(r);
        }
        expect("PROCESSING refunds", model.pending.size(), probe.pendingRefunds());
    }

    private void payer(String openid) {
        MPayer p = openid == null ? null : model.payers.get(openid);
        if (p == null) {
            if (openid != null && probe.hasPayer(openid)) {
                throw fail("payer " + openid + " exists in the matcher only", null);
            }
            return;
        }
        if (!probe.hasPayer(p.openid)) {
            throw fail("payer " + p.openid + " missing in the matcher", null);
        }
        expect("payer " + p.openid + " balance", p.balance, probe.payerBalance(p.openid));
    }

    private void liveOrder(MOrder mo) {
        Order live = probe.order(mo.m.mchid, mo.outTradeNo);
        if (live == null) {
            throw fail("order " + mo + " missing in the matcher", null);
        }
        compareOrder(live, mo);
    }

    private void liveRefund(MRefund mr) {
        Refund live = probe.refund(mr.m.mchid, mr.outRefundNo);
        if (live == null) {
            throw fail("refund " + mr.m.mchid + "/" + mr.outRefundNo + " missing in the matcher", null);
        }
        compareRefund(live, mr);
    }

    private void invariants() {
        try {
            matcher.checkInvariants();
        } catch (Invariants.InvariantViolation v) {
            throw fail("invariant broken: " + v.getMessage(), v);
        }
    }

    /** Every balance, order and refund, field by field. */
    private void sweep() {
        for (MPayer p : model.payerList) {
            payer(p.openid);
        }
        for (MOrder mo : model.orders) {
            liveOrder(mo);
        }
        for (MRefund mr : model.refunds) {
            liveRefund(mr);
        }
        expect("PROCESSING refunds", model.pending.size(), probe.pendingRefunds());
        for (MCode c : model.codes.values()) {
            expect("pay code " + c.code + " live", true, probe.authCodeLive(c.code));
            expect("pay code " + c.code + " used", c.used, probe.state().authCodes.get(c.code).used);
        }
        expect("live pay codes", model.codes.size(), probe.state().authCodes.size());
    }

    private void compareOrder(Order o, MOrder m) {
        String id = "order " + m.m.mchid + "/" + m.outTradeNo + " ";
        expect(id + "mchid", m.m.mchid, o.mchid);
        expect(id + "out_trade_no", m.outTradeNo, o.outTradeNo);
        expect(id + "trade_type", m.type, o.tradeType);
        expect(id + "trade_state", m.state, o.state);
        expect(id + "total", m.total, o.totalFen);
        expect(id + "token", m.terms.token, o.token);
        expect(id + "deadline", m.deadline, o.deadlineMillis);
        expect(id + "created at", m.terms.acceptedAtMillis, o.createdAtMillis);
        expect(id + "payer", m.payer, o.payerOpenid);
        expect(id + "payer total", m.txId != null ? m.total : 0, o.payerTotalFen);
        expect(id + "transaction_id", m.txId, o.transactionId);
        expect(id + "success time", m.successAt, o.successTimeMillis);
        expect(id + "closed at", m.closedAt, o.closedAtMillis);
        expect(id + "fee", m.fee, o.feeFen);
        expect(id + "fee refunded", m.feeRefunded, o.feeRefundedFen);
        expect(id + "refunded", m.refunded, o.refundedFen);
        expect(id + "refund count", m.refundCount, o.refundCount);
    }

    private void compareRefund(Refund r, MRefund m) {
        String id = "refund " + m.m.mchid + "/" + m.outRefundNo + " ";
        expect(id + "mchid", m.m.mchid, r.mchid);
        expect(id + "out_trade_no", m.order.outTradeNo, r.outTradeNo);
        expect(id + "transaction_id", m.order.txId, r.transactionId);
        expect(id + "refund_id", m.refundId, r.refundId);
        expect(id + "amount", m.amount, r.refundFen);
        expect(id + "order total", m.statedTotal, r.orderTotalFen);
        expect(id + "fee back", m.feeBack, r.feeRefundFen);
        expect(id + "status", m.status, r.status);
        expect(id + "created at", m.createdAt, r.createdAtMillis);
        expect(id + "success time", m.successAt, r.successTimeMillis);
    }

    private void expect(String what, long model, long matcher) {
        if (model != matcher) {
            throw fail(what + ": matcher " + matcher + ", model " + model, null);
        }
    }

    private void expect(String what, Object model, Object matcher) {
        if (!Objects.equals(model, matcher)) {
            throw fail(what + ": matcher " + matcher + ", model " + model, null);
        }
    }

    private AssertionError fail(String what, Throwable cause) {
        String where = current == null ? "at the end" : "step " + step + " " + describe(current);
        AssertionError e = new AssertionError("seed=" + seed + " (rerun: -Dpaygate.seed=" + seed
                + " -Dpaygate.sim.commands=" + commands + ") " + where + ": " + what);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** Every field that is set, for failure messages (test data only: no real secrets). */
    static String describe(Command c) {
        StringBuilder sb = new StringBuilder("Command[").append(c.type).append(" seq=").append(c.sequence).append(" at=")
                .append(c.acceptedAtMillis);
        field(sb, "mchid", c.mchid);
        field(sb, "appid", c.appid);
        field(sb, "out_trade_no", c.outTradeNo);
        field(sb, "transaction_id", c.transactionId);
        field(sb, "out_refund_no", c.outRefundNo);
        field(sb, "openid", c.openid);
        field(sb, "trade_type", c.tradeType);
        field(sb, "token", c.token);
        number(sb, "amount", c.amountFen);
        number(sb, "total", c.totalFen);
        number(sb, "time_expire", c.timeExpireMillis);
        number(sb, "deadline", c.deadlineMillis);
        number(sb, "fee_rate_ppm", c.feeRatePpm);
        number(sb, "flags", c.flags);
        field(sb, "description", c.description);
        field(sb, "attach", c.attach);
        field(sb, "notify_url", c.notifyUrl);
        field(sb, "goods_tag", c.goodsTag);
        field(sb, "device_id", c.deviceId);
        field(sb, "payer_client_ip", c.payerClientIp);
        field(sb, "store_id", c.storeId);
        field(sb, "reason", c.reason);
        field(sb, "name", c.name);
        if (c.publicKeyDer != null) {
            sb.append(" public_key_der=").append(Arrays.toString(c.publicKeyDer));
        }
        return sb.append(']').toString();
    }

    private static void field(StringBuilder sb, String name, Object v) {
        if (v != null) {
            sb.append(' ').append(name).append('=').append(v);
        }
    }

    private static void number(StringBuilder sb, String name, long v) {
        if (v != 0) {
            sb.append(' ').append(name).append('=').append(v);
        }
    }
}
