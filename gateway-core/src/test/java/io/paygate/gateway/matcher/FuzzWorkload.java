package io.paygate.gateway.matcher;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import io.paygate.codec.command.TradeType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Edge-biased random commands of every type, each one something the acceptor could really publish:
 * every value lies inside what the decoders, the admin provisioner and GatewayConfig accept (amounts
 * 1..2^31-1, balances 0..10^12, limits 0..2^31-1, positive durations, the fields each endpoint
 * requires), but is drawn from the edges of those ranges (0, 1, 2^k-1, 2^k, 2^k+1, the maxima),
 * from ids the matcher handed out (so commands hit real orders, payers, codes and refunds) or from
 * ids nobody issued, with accepted-at times out of order, clocks stepping back, and long jumps.
 *
 * <p>Unlike {@link SimWorkload} it has no model of what should happen: it only feeds the matcher
 * and learns ids from the results ({@link #learn}).
 */
final class FuzzWorkload {

    static final long AMOUNT_MAX = Integer.MAX_VALUE;
    static final long BALANCE_MAX = 1_000_000_000_000L;
    /** See SimWorkload.PENDING_REFUNDS_CAP and MatcherBugsTest#aTickSettlesAnyNumberOfRefunds. */
    static final int PENDING_REFUNDS_CAP = Integer.getInteger("paygate.fuzz.pendingRefundsCap", 200);
    /** Configured durations (positive): mostly the defaults, sometimes the edges. */
    private static final long[] DURATIONS = {1, 1_000, 45_000, 45_000, 60_000, 60_000, 2 * 3_600_000L,
        2 * 3_600_000L, 2 * 3_600_000L, 30L * 86_400_000L};
    private static final long[] LIMITS = {0, 1, 100_000, AMOUNT_MAX};
    private static final char[] ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    /** Weights per command type, in permille: mostly money moves, few merchants, rare full-state hashes. */
    private static final Map<CommandType, Integer> WEIGHTS = new EnumMap<>(Map.ofEntries(
            Map.entry(CommandType.PROVISION_MERCHANT, 3), Map.entry(CommandType.CREATE_ORDER, 150),
            Map.entry(CommandType.CLOSE_ORDER, 50), Map.entry(CommandType.QUERY_ORDER, 60),
            Map.entry(CommandType.CREATE_PAYER, 80), Map.entry(CommandType.QUERY_PAYER, 30),
            Map.entry(CommandType.ISSUE_AUTH_CODE, 80), Map.entry(CommandType.PAY_ORDER, 150),
            Map.entry(CommandType.CODEPAY, 100), Map.entry(CommandType.CONFIRM_CODEPAY, 60),
            Map.entry(CommandType.REVERSE_ORDER, 40), Map.entry(CommandType.CREATE_REFUND, 130),
            Map.entry(CommandType.QUERY_REFUND, 40), Map.entry(CommandType.TICK, 60),
            Map.entry(CommandType.SET_PAYER_STATUS, 15), Map.entry(CommandType.ADD_MERCHANT_KEY, 5),
            Map.entry(CommandType.LEDGER_SUMMARY, 1)));
    private static final CommandType[] TYPES = CommandType.values();
    private static final int WEIGHT_SUM = WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();

    record Mch(String mchid, String appid) {
    }

    /** An order as a result showed it. */
    record Ord(String mchid, String appid, String outTradeNo, long total, String payer, String transactionId) {
    }

    private final SplittableRandom rnd;
    private long clock = Commands.START_MILLIS;
    private long counter;

    private final List<Mch> merchants = new ArrayList<>();
    private final List<String> openids = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();
    private final List<String> authCodes = new ArrayList<>();
    private final List<Ord> orders = new ArrayList<>();
    private final List<Ord> codepayOrders = new ArrayList<>();
    private final List<Ord> paidOrders = new ArrayList<>();
    private final List<String> transactionIds = new ArrayList<>();
    private final List<Mch> refundKeys = new ArrayList<>();
    private final Map<String, Ord> byKey = new HashMap<>();

    FuzzWorkload(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    // ------------------------------------------------------------------ values

    private boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    private <T> T pick(List<T> l) {
        return l.get(l.size() > 64 && chance(60) ? l.size() - 1 - rnd.nextInt(64) : rnd.nextInt(l.size()));
    }

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

    /** A value in [lo, hi] drawn from the edges: the ends, 2^k and its neighbours, or uniform. */
    long edge(long lo, long hi) {
        int r = rnd.nextInt(10);
        long v;
        if (r == 0) {
            v = lo;
        } else if (r == 1) {
            v = hi;
        } else if (r == 2) {
            v = lo + 1 + rnd.nextInt(3);
        } else if (r < 6) {
            int k = rnd.nextInt(63);
            v = (1L << k) + rnd.nextInt(3) - 1;
        } else if (r < 8) {
            v = lo + rnd.nextLong(Math.min(hi - lo, 10_000) + 1);
        } else {
            v = lo + rnd.nextLong(hi - lo + 1);
        }
        return Math.max(lo, Math.min(hi, v));
    }

    private long amount() {
        return edge(1, AMOUNT_MAX);
    }

    private long balance() {
        return edge(0, BALANCE_MAX);
    }

    private long duration() {
        return DURATIONS[rnd.nextInt(DURATIONS.length)];
    }

    private String optional(String v) {
        return chance(50) ? null : v;
    }

    // ------------------------------------------------------------------ ids: issued or not

    private Mch merchant() {
        if (merchants.isEmpty() || chance(4)) {
            return new Mch("19" + digits(8), "wx" + alnum(16)); // nobody (only a sandbox body names it freely)
        }
        return pick(merchants);
    }

    private String appidFor(Mch m) {
        int r = rnd.nextInt(100);
        if (r < 4 && !merchants.isEmpty()) {
            return pick(merchants).appid();
        } else if (r < 6) {
            return "wx" + alnum(16);
        }
        return m.appid();
    }

    private String openid() {
        return openids.isEmpty() || chance(5) ? "o" + alnum(27) : pick(openids);
    }

    /** Targets an order: mostly one from {@code pool}, named by its own merchant; sometimes nobody's. */
    private void target(Command c, List<Ord> pool) {
        List<Ord> from = pool.isEmpty() || chance(30) ? orders : pool;
        if (from.isEmpty() || chance(8)) {
            Mch m = merchant();
            c.mchid = m.mchid();
            c.appid = m.appid();
            c.outTradeNo = "F" + (++counter) + alnum(4);
            return;
        }
        Ord o = pick(from);
        c.mchid = chance(95) || merchants.isEmpty() ? o.mchid() : pick(merchants).mchid();
        c.appid = chance(96) ? o.appid() : "wx" + alnum(16);
        c.outTradeNo = o.outTradeNo();
    }

    private CommandType type() {
        int r = rnd.nextInt(WEIGHT_SUM);
        for (CommandType t : TYPES) {
            r -= WEIGHTS.get(t);
            if (r < 0) {
                return t;
            }
        }
        throw new AssertionError();
    }

    private String authCode() {
        if (authCodes.isEmpty() || chance(10)) {
            return (10 + rnd.nextInt(6)) + digits(16);
        }
        return chance(70) ? authCodes.get(authCodes.size() - 1 - rnd.nextInt(Math.min(4, authCodes.size())))
                : pick(authCodes);
    }

    // ------------------------------------------------------------------ time

    /** Moves the fuzz clock and stamps a command like an acceptor event loop would (wall clock, out of order). */
    private long stamp() {
        int r = rnd.nextInt(10_000);
        if (r < 8_500) {
            clock += rnd.nextInt(50);
        } else if (r < 9_980) {
            clock += rnd.nextInt(5_000);
        } else if (r < 9_999) {
            clock += rnd.nextLong(3 * 3_600_000L);
        } else {
            clock += 365L * 86_400_000L;
        }
        int s = rnd.nextInt(100);
        if (s < 5) {
            return clock - 1 - rnd.nextInt(5_000); // another event loop, slower to publish
        } else if (s < 6) {
            return clock - rnd.nextLong(600_000); // the wall clock stepped back (NTP)
        }
        return clock;
    }

    // ------------------------------------------------------------------ commands

    /** The next command (unsequenced); {@code pendingRefunds} is the matcher's, to stay clear of a known bug. */
    Command next(int pendingRefunds) {
        Command c = new Command();
        c.acceptedAtMillis = stamp();
        c.type = pendingRefunds >= PENDING_REFUNDS_CAP ? CommandType.TICK
                : merchants.size() < 2 ? CommandType.PROVISION_MERCHANT : type();
        switch (c.type) {
            case PROVISION_MERCHANT -> provision(c);
            case CREATE_ORDER -> createOrder(c);
            case CLOSE_ORDER -> {
                target(c, orders);
                c.appid = null;
            }
            case QUERY_ORDER -> {
                target(c, orders);
                c.appid = null;
                if (chance(30)) {
                    c.outTradeNo = null;
                    c.transactionId = transactionIds.isEmpty() || chance(10) ? digits(1 + rnd.nextInt(32)) : pick(transactionIds);
                }
            }
            case CREATE_PAYER -> {
                c.amountFen = balance();
                c.openid = chance(2) && !openids.isEmpty() ? pick(openids) : "o" + alnum(27);
            }
            case QUERY_PAYER -> c.openid = openid();
            case SET_PAYER_STATUS -> {
                c.openid = openid();
                // mostly ACTIVE, so wallets come back: FROZEN/CLOSED make refunds fail (ABNORMAL/CLOSED)
                c.name = chance(2) ? "ACTIVE" : chance(2) ? "FROZEN" : "CLOSED";
            }
            case ISSUE_AUTH_CODE -> {
                c.openid = openid();
                c.token = chance(3) && !authCodes.isEmpty() ? pick(authCodes) : (10 + rnd.nextInt(6)) + digits(16);
                c.deadlineMillis = c.acceptedAtMillis + duration();
            }
            case PAY_ORDER -> {
                c.openid = openid();
                if (tokens.isEmpty() || chance(5)) {
                    c.token = alnum(1 + rnd.nextInt(64));
                } else {
                    c.token = chance(50) ? tokens.get(tokens.size() - 1 - rnd.nextInt(Math.min(8, tokens.size())))
                            : pick(tokens);
                }
            }
            case CODEPAY -> codepay(c);
            case CONFIRM_CODEPAY -> {
                target(c, codepayOrders);
                c.appid = null;
                Ord o = find(c.mchid, c.outTradeNo);
                c.openid = o != null && o.payer() != null && chance(85) ? o.payer() : openid();
            }
            case REVERSE_ORDER -> target(c, codepayOrders);
            case CREATE_REFUND -> refund(c);
            case QUERY_REFUND -> {
                Mch key = refundKeys.isEmpty() || chance(10) ? new Mch(merchant().mchid(), "R" + alnum(8)) : pick(refundKeys);
                c.mchid = chance(95) ? key.mchid() : merchant().mchid();
                c.outRefundNo = key.appid();
            }
            case ADD_MERCHANT_KEY -> {
                c.mchid = chance(90) ? merchant().mchid() : "1" + digits(9);
                c.serialNo = chance(20) ? alnum(1 + rnd.nextInt(3)) : alnum(40);
                c.publicKeyDer = new byte[] {0x30, (byte) rnd.nextInt(256)};
            }
            case TICK, LEDGER_SUMMARY -> {
            }
            default -> throw new AssertionError("no fuzz rule for " + c.type);
        }
        if (c.mchid != null && c.type != CommandType.PROVISION_MERCHANT && chance(10)) {
            // a partner command: some merchant (a provider or not, the owner's or not) acts for the owner
            c.spMchid = chance(80) ? merchant().mchid() : "1" + digits(9);
        }
        return c;
    }

    private void provision(Command c) {
        int r = rnd.nextInt(100);
        c.mchid = r < 60 ? null : r < 80 && !merchants.isEmpty() ? pick(merchants).mchid() : "1" + digits(9);
        c.appid = "wx" + alnum(16);
        c.name = optional("fuzz merchant");
        c.serialNo = optional(alnum(40));
        c.publicKeyDer = new byte[] {0x30, (byte) rnd.nextInt(256)};
        c.secret = alnum(32);
        c.secret2 = alnum(32);
        c.feeRatePpm = Commands.FEE_RATE_PPM;
        if (chance(20)) {
            c.flags |= Command.FLAG_SERVICE_PROVIDER;
        } else if (chance(30) && !merchants.isEmpty()) {
            c.spMchid = chance(90) ? pick(merchants).mchid() : "1" + digits(9); // a sub-merchant
            c.commissionPpm = rnd.nextLong(1_000_001);
            c.publicKeyDer = chance(50) ? null : c.publicKeyDer;
        }
    }

    private void createOrder(Command c) {
        Mch m = merchant();
        c.tradeType = new TradeType[] {TradeType.JSAPI, TradeType.NATIVE, TradeType.APP, TradeType.MWEB}[rnd.nextInt(4)];
        c.mchid = m.mchid();
        c.appid = appidFor(m);
        c.outTradeNo = chance(85) || orders.isEmpty() ? "F" + (++counter) + alnum(4) : pick(orders).outTradeNo();
        c.amountFen = amount();
        c.description = "fuzz " + alnum(1 + rnd.nextInt(8));
        c.notifyUrl = "https://h.example/n";
        c.attach = optional("a");
        c.goodsTag = optional("g");
        c.flags = rnd.nextInt(4);
        c.deviceId = optional("d");
        c.storeId = optional("s");
        c.payerClientIp = c.tradeType == TradeType.MWEB ? "127.0.0.1" : optional("::1");
        if (c.tradeType == TradeType.JSAPI) {
            c.openid = openid();
        }
        if (chance(30)) {
            c.timeExpireMillis = c.acceptedAtMillis + edge(1, 400L * 86_400_000L);
        }
        c.token = tokens.isEmpty() || chance(97) ? alnum(16) : pick(tokens);
        c.deadlineMillis = c.timeExpireMillis != 0 ? c.timeExpireMillis : c.acceptedAtMillis + duration();
    }

    private void codepay(Command c) {
        Mch m = merchant();
        c.tradeType = TradeType.MICROPAY;
        c.mchid = m.mchid();
        c.appid = appidFor(m);
        c.outTradeNo = chance(85) || orders.isEmpty() ? "F" + (++counter) + alnum(4) : pick(orders).outTradeNo();
        c.amountFen = chance(50) ? edge(1, 300_000) : amount();
        c.description = "fuzz codepay";
        c.storeId = "s";
        c.deviceId = optional("d");
        c.token = authCode();
        c.totalFen = LIMITS[rnd.nextInt(LIMITS.length)];
        c.deadlineMillis = c.acceptedAtMillis + duration();
    }

    private void refund(Command c) {
        target(c, paidOrders);
        c.appid = null;
        Ord o = find(c.mchid, c.outTradeNo);
        c.totalFen = o != null && chance(90) ? o.total() : amount();
        int r = rnd.nextInt(100);
        c.amountFen = r < 40 ? edge(1, c.totalFen) : r < 70 ? 1 + rnd.nextLong(Math.min(c.totalFen, 1_000))
                : Math.max(1, c.totalFen - rnd.nextInt(3));
        if (o != null && o.transactionId() != null && chance(30)) {
            c.outTradeNo = null;
            c.transactionId = o.transactionId();
        }
        c.outRefundNo = refundKeys.isEmpty() || chance(90) ? "R" + (++counter) : pick(refundKeys).appid();
        c.reason = optional("r");
    }

    // ------------------------------------------------------------------ learning ids

    /** Remembers the ids a result handed out, so later commands hit real things. */
    void learn(Command c, MatchResult out) {
        if (out.code != ResultCode.OK && out.code != ResultCode.OK_REPEATED) {
            return;
        }
        switch (c.type) {
            case PROVISION_MERCHANT -> merchants.add(new Mch(out.mchid, out.appid));
            case CREATE_PAYER -> openids.add(out.openid);
            case ISSUE_AUTH_CODE -> authCodes.add(out.authCode);
            case CREATE_REFUND -> refundKeys.add(new Mch(c.mchid, out.refund.outRefundNo));
            default -> {
            }
        }
        if (!out.hasOrder || out.code != ResultCode.OK) {
            return;
        }
        Order v = out.order;
        Ord o = new Ord(v.mchid, v.appid, v.outTradeNo, v.totalFen, v.payerOpenid, v.transactionId);
        if (c.type == CommandType.CREATE_ORDER || c.type == CommandType.CODEPAY) {
            orders.add(o);
            byKey.put(v.mchid + "/" + v.outTradeNo, o);
            if (c.type == CommandType.CREATE_ORDER) {
                tokens.add(v.token);
            } else {
                codepayOrders.add(o);
            }
        }
        if (v.transactionId != null && (c.type == CommandType.PAY_ORDER || c.type == CommandType.CODEPAY
                || c.type == CommandType.CONFIRM_CODEPAY)) {
            transactionIds.add(v.transactionId);
            paidOrders.add(o);
            byKey.put(v.mchid + "/" + v.outTradeNo, o);
        }
    }

    private Ord find(String mchid, String outTradeNo) {
        return byKey.get(mchid + "/" + outTradeNo);
    }
}
