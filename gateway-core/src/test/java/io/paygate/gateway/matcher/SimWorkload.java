package io.paygate.gateway.matcher;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import io.paygate.codec.command.TradeType;
import io.paygate.gateway.matcher.SimModel.MMerchant;
import io.paygate.gateway.matcher.SimModel.MOrder;
import io.paygate.gateway.matcher.SimModel.MRefund;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded random workload over every command type, shaped like real traffic: the acceptor's fields
 * (tokens, openids, pay codes, deadlines, the password-free limit) are stamped as ApiHandler stamps
 * them, and every value stays inside what the decoders accept. Most commands are meant to succeed;
 * a steady fraction are retries with the same keys, conflicting reuse of keys, and invalid targets
 * (unknown ids, the wrong payer or appid, used or lapsed pay codes, lapsed orders). Virtual time
 * moves a little with every command and sometimes jumps; a few commands are stamped out of order.
 *
 * <p>It reads the reference model to pick its targets, so the same seed always gives the same
 * commands as long as the model behaves the same.
 */
final class SimWorkload {

    /** Shorter than production's 2 h so that unpaid orders lapse within a run. */
    static final long PREPAY_VALIDITY_MILLIS = 15 * 60_000L;
    static final long USERPAYING_TIMEOUT_MILLIS = Commands.USERPAYING_TIMEOUT_MILLIS;
    static final long AUTH_CODE_VALIDITY_MILLIS = Commands.AUTH_CODE_VALIDITY_MILLIS;
    static final long PASSWORD_FREE_LIMIT_FEN = Commands.PASSWORD_FREE_LIMIT_FEN;
    static final long AMOUNT_FEN_MAX = Integer.MAX_VALUE;
    /**
     * A TICK is forced once this many refunds wait for settlement: a tick settling 256 or more throws
     * (see {@link MatcherBugsTest#aTickSettlesAnyNumberOfRefunds}). Raise it with
     * -Dpaygate.sim.pendingRefundsCap=1000 to see the bug in the simulation.
     */
    static final int PENDING_REFUNDS_CAP = Integer.getInteger("paygate.sim.pendingRefundsCap", 200);

    private static final char[] ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final long[] EDGE_AMOUNTS = {1, 2, 83, 84, 250, 1001, 99_999, 100_000, 100_001};

    private final SplittableRandom rnd;
    private final SimModel model;
    private long clock = Commands.START_MILLIS;
    private long counter;
    private int step;

    private final List<MOrder> prepaid = new ArrayList<>();
    private final List<MOrder> codepaid = new ArrayList<>();
    private final List<MOrder> userpaying = new ArrayList<>();
    private final List<MOrder> paid = new ArrayList<>();
    private final List<String> issuedCodes = new ArrayList<>();
    private final List<Command> retryable = new ArrayList<>();
    private MOrder storm;
    private int stormAttempts;

    SimWorkload(long seed, SimModel model) {
        this.rnd = new SplittableRandom(seed);
        this.model = model;
    }

    // ------------------------------------------------------------------ the mix

    /** The next command, stamped but not sequenced (the runner is the journal stage). */
    Command next() {
        step++;
        advanceClock();
        if (model.merchantList.size() < 3) {
            return provision(false);
        }
        if (model.pending.size() >= PENDING_REFUNDS_CAP) {
            return tick();
        }
        int r = rnd.nextInt(1036);
        if ((r -= 3) < 0) {
            return provision(true);
        } else if ((r -= 60) < 0) {
            return createPayer();
        } else if ((r -= 60) < 0) {
            return issueAuthCode();
        } else if ((r -= 180) < 0) {
            return createOrder();
        } else if ((r -= 170) < 0) {
            return pay();
        } else if ((r -= 90) < 0) {
            return codepay();
        } else if ((r -= 50) < 0) {
            return confirm();
        } else if ((r -= 35) < 0) {
            return reverse();
        } else if ((r -= 45) < 0) {
            return close();
        } else if ((r -= 130) < 0) {
            return refund();
        } else if ((r -= 40) < 0) {
            return queryOrder();
        } else if ((r -= 20) < 0) {
            return queryPayer();
        } else if ((r -= 10) < 0) {
            return setPayerStatus();
        } else if ((r -= 30) < 0) {
            return queryRefund();
        } else if ((r -= 60) < 0) {
            return tick();
        } else if ((r -= 3) < 0) {
            return command(CommandType.LEDGER_SUMMARY);
        }
        return retry();
    }

    /** Learns what the command did (the model's view), to pick later targets. */
    void observe(Command cmd, SimModel.Expect e) {
        switch (cmd.type) {
            case CREATE_ORDER -> {
                if (e.code == ResultCode.OK) {
                    prepaid.add(e.order);
                }
                remember(cmd);
            }
            case CODEPAY -> {
                if (e.code == ResultCode.OK) {
                    codepaid.add(e.order);
                    (e.order.state == TradeState.USERPAYING ? userpaying : paid).add(e.order);
                }
                remember(cmd);
            }
            case PAY_ORDER, CONFIRM_CODEPAY -> {
                if (e.code == ResultCode.OK) {
                    paid.add(e.order);
                }
            }
            case ISSUE_AUTH_CODE -> {
                if (e.code == ResultCode.OK) {
                    issuedCodes.add(e.authCode.code);
                }
            }
            case CREATE_REFUND -> remember(cmd);
            default -> {
            }
        }
    }

    private void remember(Command cmd) {
        if (retryable.size() == 128) {
            retryable.remove(0);
        }
        retryable.add(new Command().copyFrom(cmd));
    }

    // ------------------------------------------------------------------ time and stamping

    private void advanceClock() {
        clock += rnd.nextInt(40);
        if (rnd.nextInt(1_500) == 0) {
            clock += 60_000 + rnd.nextLong(90 * 60_000L); // a quiet spell without ticks
        }
    }

    private Command command(CommandType type) {
        Command c = new Command();
        c.type = type;
        c.acceptedAtMillis = clock;
        if (rnd.nextInt(25) == 0) {
            // another event loop stamped it a little earlier but published it later
            c.acceptedAtMillis = Math.max(Commands.START_MILLIS, clock - 1 - rnd.nextInt(3_000));
        }
        return c;
    }

    // ------------------------------------------------------------------ random values

    private String alnum(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = ALNUM[rnd.nextInt(ALNUM.length)];
        }
        return new String(c);
    }

    private String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        return sb.toString();
    }

    private String newAuthCode() {
        return (10 + rnd.nextInt(6)) + digits(16);
    }

    private String newOpenid() {
        return "o" + alnum(27);
    }

    private boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    /** Mostly one of the latest {@code window}, sometimes any. */
    private <T> T pickRecent(List<T> list, int window) {
        if (list.size() > window && chance(75)) {
            return list.get(list.size() - 1 - rnd.nextInt(window));
        }
        return pick(list);
    }

    private long between(long lo, long hi) {
        return lo + rnd.nextLong(hi - lo + 1);
    }

    private long orderAmount() {
        int r = rnd.nextInt(100);
        if (r < 45) {
            return between(1, 2_000);
        } else if (r < 75) {
            return between(2_000, 50_000);
        } else if (r < 85) {
            return EDGE_AMOUNTS[rnd.nextInt(EDGE_AMOUNTS.length)];
        } else if (r < 99) {
            return between(50_000, 300_000);
        }
        return between(300_000, AMOUNT_FEN_MAX);
    }

    private long balance() {
        int r = rnd.nextInt(100);
        if (r < 5) {
            return 0;
        } else if (r < 30) {
            return between(1, 3_000);
        } else if (r < 85) {
            return between(10_000, 600_000);
        } else if (r < 99) {
            return between(1_000_000, 5_000_000);
        }
        return between(5_000_000, 1_000_000_000_000L);
    }

    private MMerchant merchant() {
        return pick(model.merchantList);
    }

    private MMerchant otherMerchant(MMerchant m) {
        MMerchant o = merchant();
        return o == m ? model.merchantList.get((model.merchantList.indexOf(m) + 1) % model.merchantList.size()) : o;
    }

    private String payerOpenid() {
        if (model.payerList.isEmpty() || chance(3)) {
            return newOpenid(); // nobody
        }
        return pickRecent(model.payerList, 300).openid;
    }

    // ------------------------------------------------------------------ commands

    private Command provision(boolean maybeExisting) {
        Command c = command(CommandType.PROVISION_MERCHANT);
        int r = rnd.nextInt(100);
        if (maybeExisting && (r < 20 || model.merchantList.size() >= 8)) {
            c.mchid = merchant().mchid; // MERCHANT_EXISTS
        } else if (r < 50) {
            c.mchid = null; // assigned
        } else {
            c.mchid = "16" + digits(8);
        }
        c.appid = "wx" + alnum(16).toLowerCase();
        c.name = "sim merchant " + step;
        c.serialNo = alnum(40);
        c.publicKeyDer = new byte[] {0x30, 0x2a, (byte) rnd.nextInt(256)};
        c.secret = alnum(32);
        c.secret2 = alnum(32);
        c.feeRatePpm = Commands.FEE_RATE_PPM;
        return c;
    }

    private Command createPayer() {
        Command c = command(CommandType.CREATE_PAYER);
        c.amountFen = balance();
        c.openid = !model.payerList.isEmpty() && chance(2) ? pick(model.payerList).openid : newOpenid();
        return c;
    }

    private Command issueAuthCode() {
        Command c = command(CommandType.ISSUE_AUTH_CODE);
        c.openid = payerOpenid();
        c.token = !model.codes.isEmpty() && chance(2) ? model.codes.keySet().iterator().next() : newAuthCode();
        c.deadlineMillis = c.acceptedAtMillis + AUTH_CODE_VALIDITY_MILLIS;
        return c;
    }

    private Command createOrder() {
        MMerchant m = merchant();
        Command c = command(CommandType.CREATE_ORDER);
        int t = rnd.nextInt(100);
        c.tradeType = t < 40 ? TradeType.NATIVE : t < 70 ? TradeType.JSAPI : t < 85 ? TradeType.APP : TradeType.MWEB;
        c.mchid = chance(2) ? "1999" + digits(6) : m.mchid;
        c.appid = chance(3) ? otherMerchant(m).appid : m.appid;
        c.outTradeNo = "T" + (++counter) + alnum(5);
        c.amountFen = orderAmount();
        c.description = "sim order " + step;
        c.notifyUrl = "https://merchant.example/notify/" + (step % 7);
        c.attach = chance(30) ? "attach-" + rnd.nextInt(1000) : null;
        c.goodsTag = chance(10) ? "WXG" : null;
        c.flags = chance(10) ? Command.FLAG_SUPPORT_FAPIAO : 0;
        if (c.tradeType == TradeType.JSAPI) {
            c.openid = payerOpenid();
        }
        if (c.tradeType == TradeType.MWEB || chance(10)) {
            c.payerClientIp = "10.0." + rnd.nextInt(256) + "." + rnd.nextInt(256);
        }
        if (chance(20)) {
            c.storeId = "S" + rnd.nextInt(100);
            c.deviceId = "D" + rnd.nextInt(100);
        }
        if (chance(30)) {
            c.timeExpireMillis = c.acceptedAtMillis + between(60_000, 30 * 60_000L);
        }
        stampPrepay(c);
        if (!prepaid.isEmpty() && chance(2)) {
            c.token = pick(prepaid).terms.token; // TOKEN_COLLISION
        }
        return c;
    }

    /** What ApiHandler.prepay adds: a fresh token and the lapse time. */
    private void stampPrepay(Command c) {
        c.token = c.tradeType == TradeType.NATIVE ? alnum(16) : "wx20240601" + alnum(6) + digits(20);
        c.deadlineMillis = c.timeExpireMillis != 0 ? c.timeExpireMillis : c.acceptedAtMillis + PREPAY_VALIDITY_MILLIS;
    }

    private Command pay() {
        Command c = command(CommandType.PAY_ORDER);
        if (prepaid.isEmpty() || chance(3)) {
            c.token = alnum(16);
            c.openid = payerOpenid();
            return c;
        }
        MOrder o = pickRecent(prepaid, 100);
        c.token = o.terms.token;
        c.openid = o.type == TradeType.JSAPI && chance(85) ? o.terms.openid : payerOpenid();
        return c;
    }

    private Command codepay() {
        MMerchant m = merchant();
        String slowCode = null;
        if (!issuedCodes.isEmpty() && chance(3)) {
            // the cashier scans a code just after it lapsed, before any tick dropped it
            slowCode = issuedCodes.get(issuedCodes.size() - 1);
            SimModel.MCode live = model.codes.get(slowCode);
            if (live != null) {
                clock = Math.max(clock, live.expiresAt + rnd.nextInt(5_000));
            }
        }
        Command c = command(CommandType.CODEPAY);
        c.tradeType = TradeType.MICROPAY;
        c.mchid = m.mchid;
        c.appid = chance(3) ? otherMerchant(m).appid : m.appid;
        c.outTradeNo = "C" + (++counter) + alnum(5);
        c.description = "sim codepay " + step;
        c.storeId = "S" + rnd.nextInt(10);
        c.deviceId = chance(50) ? "POS" + rnd.nextInt(10) : null;
        int r = rnd.nextInt(100);
        if (r < 50) {
            c.amountFen = between(1, 20_000);
        } else if (r < 55) {
            c.amountFen = chance(50) ? PASSWORD_FREE_LIMIT_FEN : PASSWORD_FREE_LIMIT_FEN + 1;
        } else {
            c.amountFen = between(PASSWORD_FREE_LIMIT_FEN + 1, 400_000);
        }
        int k = rnd.nextInt(100);
        if (slowCode != null) {
            c.token = slowCode;
        } else if (issuedCodes.isEmpty() || k < 5) {
            c.token = newAuthCode(); // unknown
        } else if (k < 70) {
            c.token = issuedCodes.get(issuedCodes.size() - 1 - rnd.nextInt(Math.min(4, issuedCodes.size())));
        } else if (k < 85) {
            c.token = issuedCodes.get(issuedCodes.size() - 1 - rnd.nextInt(Math.min(40, issuedCodes.size())));
        } else {
            c.token = pick(issuedCodes); // mostly used or lapsed
        }
        c.totalFen = PASSWORD_FREE_LIMIT_FEN;
        c.deadlineMillis = c.acceptedAtMillis + USERPAYING_TIMEOUT_MILLIS;
        return c;
    }

    private Command confirm() {
        Command c = command(CommandType.CONFIRM_CODEPAY);
        MOrder o;
        if (userpaying.isEmpty() || chance(8)) {
            o = prepaid.isEmpty() ? null : pick(prepaid); // not waiting for a password
        } else {
            o = pickRecent(userpaying, 30);
        }
        if (o == null || chance(3)) {
            c.mchid = merchant().mchid;
            c.outTradeNo = "NOPE" + alnum(8);
            c.openid = payerOpenid();
            return c;
        }
        c.mchid = chance(2) ? "1999" + digits(6) : o.m.mchid;
        c.outTradeNo = o.outTradeNo;
        c.openid = o.payer != null && chance(85) ? o.payer : payerOpenid();
        return c;
    }

    private Command reverse() {
        Command c = command(CommandType.REVERSE_ORDER);
        MOrder o = null;
        int r = rnd.nextInt(100);
        if (r < 80 && !codepaid.isEmpty()) {
            o = pickRecent(codepaid, 100);
        } else if (r < 95 && !prepaid.isEmpty()) {
            o = pick(prepaid);
        }
        if (o == null) {
            MMerchant m = merchant();
            c.mchid = m.mchid;
            c.appid = m.appid;
            c.outTradeNo = "NOPE" + alnum(8);
            return c;
        }
        c.mchid = o.m.mchid;
        c.appid = chance(3) ? otherMerchant(o.m).appid : o.m.appid;
        c.outTradeNo = o.outTradeNo;
        return c;
    }

    private Command close() {
        Command c = command(CommandType.CLOSE_ORDER);
        MOrder o = null;
        int r = rnd.nextInt(100);
        if (r < 75 && !prepaid.isEmpty()) {
            o = pickRecent(prepaid, 200);
        } else if (r < 90 && !codepaid.isEmpty()) {
            o = pick(codepaid);
        }
        if (o == null) {
            c.mchid = merchant().mchid;
            c.outTradeNo = "NOPE" + alnum(8);
            return c;
        }
        c.mchid = o.m.mchid;
        c.outTradeNo = o.outTradeNo;
        return c;
    }

    private Command refund() {
        Command c = command(CommandType.CREATE_REFUND);
        c.outRefundNo = "R" + (++counter) + alnum(4);
        c.reason = chance(50) ? "sim refund" : null;
        int r = rnd.nextInt(100);
        MOrder o;
        if (r < 8 && !paid.isEmpty()) {
            o = stormOrder();
            c.mchid = o.m.mchid;
            c.outTradeNo = o.outTradeNo;
            c.amountFen = 1;
            c.totalFen = o.total;
            return c;
        } else if (r < 13 && !prepaid.isEmpty()) {
            o = pick(prepaid); // mostly not paid
        } else if (r < 16 || paid.isEmpty()) {
            MMerchant m = merchant();
            c.mchid = m.mchid;
            c.outTradeNo = "NOPE" + alnum(8);
            c.amountFen = 1;
            c.totalFen = 1;
            return c;
        } else {
            o = refundable();
        }
        c.mchid = chance(2) ? otherMerchant(o.m).mchid : o.m.mchid;
        if (o.txId != null && chance(30)) {
            c.transactionId = o.txId;
        } else {
            c.outTradeNo = o.outTradeNo;
        }
        c.totalFen = chance(4) ? Math.max(1, o.total + (chance(50) ? 1 : -1)) : o.total;
        long remaining = o.total - o.refunded;
        int a = rnd.nextInt(100);
        if (remaining <= 0) {
            c.amountFen = between(1, o.total);
        } else if (a < 20) {
            c.amountFen = remaining;
        } else if (a < 30 && o.refunded > 0) {
            c.amountFen = remaining + between(1, Math.max(1, Math.min(10, o.refunded)));
        } else {
            c.amountFen = between(1, remaining);
        }
        c.amountFen = Math.min(c.amountFen, c.totalFen); // the decoder refuses refund > total
        if (!model.refunds.isEmpty() && chance(3)) {
            MRefund used = pickRecent(model.refunds, 100);
            c.mchid = used.m.mchid;
            c.outRefundNo = used.outRefundNo; // mostly OUT_REFUND_NO_USED
        }
        return c;
    }

    /** A paid order, mostly one with something left to refund, never the storm order. */
    private MOrder refundable() {
        MOrder o = pickRecent(paid, 300);
        for (int i = 0; i < 8 && (o == storm || (o.refunded == o.total && chance(80))); i++) {
            o = pickRecent(paid, 300);
        }
        return o;
    }

    /** An order that takes 1-fen refunds until it hits the 50-refund limit, then a few more. */
    private MOrder stormOrder() {
        if (storm == null || stormAttempts >= 55) {
            storm = pickRecent(paid, 50);
            for (int i = 0; i < 50 && (storm.total < 1_000 || storm.refundCount > 0 || !storm.paid()); i++) {
                storm = pick(paid);
            }
            stormAttempts = 0;
        }
        stormAttempts++;
        return storm;
    }

    private Command queryOrder() {
        Command c = command(CommandType.QUERY_ORDER);
        if (model.orders.isEmpty() || chance(5)) {
            c.mchid = merchant().mchid;
            if (chance(50)) {
                c.transactionId = "4200" + digits(24);
            } else {
                c.outTradeNo = "NOPE" + alnum(8);
            }
            return c;
        }
        MOrder o = pickRecent(model.orders, 300);
        c.mchid = chance(8) ? otherMerchant(o.m).mchid : o.m.mchid;
        if (o.txId != null && chance(40)) {
            c.transactionId = o.txId;
        } else {
            c.outTradeNo = o.outTradeNo;
        }
        return c;
    }

    private Command queryPayer() {
        Command c = command(CommandType.QUERY_PAYER);
        c.openid = payerOpenid();
        return c;
    }

    /** Mostly back to ACTIVE, so frozen and closed wallets are short spells (refunds then fail). */
    private Command setPayerStatus() {
        Command c = command(CommandType.SET_PAYER_STATUS);
        c.openid = payerOpenid();
        c.name = chance(60) ? "ACTIVE" : chance(50) ? "FROZEN" : "CLOSED";
        return c;
    }

    private Command queryRefund() {
        Command c = command(CommandType.QUERY_REFUND);
        if (model.refunds.isEmpty() || chance(15)) {
            c.mchid = merchant().mchid;
            c.outRefundNo = "R" + alnum(10);
            return c;
        }
        MRefund r = pickRecent(model.refunds, 200);
        c.mchid = chance(5) ? otherMerchant(r.m).mchid : r.m.mchid;
        c.outRefundNo = r.outRefundNo;
        return c;
    }

    private Command tick() {
        clock += rnd.nextInt(3_000);
        if (chance(4)) {
            clock += between(30_000, 10 * 60_000L);
        }
        return command(CommandType.TICK);
    }

    /** The client sends the same request again; the acceptor stamps it afresh. */
    private Command retry() {
        if (retryable.isEmpty()) {
            return tick();
        }
        Command old = pickRecent(retryable, 32);
        Command c = new Command().copyFrom(old);
        c.sequence = 0;
        c.acceptedAtMillis = command(c.type).acceptedAtMillis;
        switch (c.type) {
            case CREATE_ORDER -> stampPrepay(c);
            case CODEPAY -> c.deadlineMillis = c.acceptedAtMillis + USERPAYING_TIMEOUT_MILLIS;
            default -> {
            }
        }
        if (chance(10)) {
            // the same key with a different body
            if (chance(50)) {
                c.amountFen = Math.min(c.totalFen > 0 && c.type == CommandType.CREATE_REFUND ? c.totalFen : AMOUNT_FEN_MAX,
                        c.amountFen + 1);
            } else if (c.type == CommandType.CREATE_REFUND) {
                c.totalFen = c.totalFen + 1;
            } else {
                c.description = c.description + " (changed)";
            }
        }
        return c;
    }
}
