package io.paygate.bench.jmh;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import io.paygate.codec.command.TradeType;
import io.paygate.gateway.matcher.MatchResult;
import io.paygate.gateway.matcher.Matcher;
import io.paygate.gateway.matcher.ResultCode;
import java.util.function.Consumer;

/**
 * Builds matcher commands the way the acceptor and the journal stage fill them (tokens drawn,
 * deadlines stamped, sequences assigned), deterministically, so batches can be prepared outside the
 * timed part. One merchant, many rich payers, Native orders, a virtual clock.
 */
public final class MatcherCommands {

    /** 2026-01-05T00:00:00Z. */
    static final long START_MILLIS = 1_767_571_200_000L;
    static final long PREPAY_VALIDITY_MILLIS = 2 * 3_600_000L;
    static final int PAYERS = 1024;
    static final String APPID = "wxd678efh567hg6787";
    static final String DESCRIPTION = "Image形象店-深圳腾大-QQ公仔";
    static final String NOTIFY_URL = "https://www.weixin.qq.com/wxpay/pay.php";

    private final Matcher matcher = new Matcher();
    private final Consumer<Command> journal;
    private final MatchResult scratch = new MatchResult();
    private final String[] payers = new String[PAYERS];
    private String mchid;
    private long sequence;
    private long clockMillis = START_MILLIS;
    private long orders;
    private long commands;

    public MatcherCommands() {
        this(c -> { });
    }

    /**
     * @param journal receives every set-up command before the matcher applies it (a journal that a
     *     ring's journal stage then continues), or does nothing
     */
    public MatcherCommands(Consumer<Command> journal) {
        this.journal = journal;
        Command c = new Command();
        c.type = CommandType.PROVISION_MERCHANT;
        c.appid = APPID;
        c.name = "bench merchant";
        c.serialNo = "5157F09EFDC096DE15EBE81A47057A72";
        c.publicKeyDer = new byte[] {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70};
        c.secret = "apiv3key0123456789abcdef01234567";
        c.secret2 = "apiv2key0123456789abcdef01234567";
        c.feeRatePpm = 6000;
        stamp(c);
        applyNow(c);
        mchid = scratch.mchid;
        for (int i = 0; i < PAYERS; i++) {
            Command p = new Command();
            p.type = CommandType.CREATE_PAYER;
            p.openid = "oBENCH" + pad(i, 22);
            p.amountFen = 1_000_000_000_000L;
            stamp(p);
            applyNow(p);
            payers[i] = p.openid;
        }
    }

    public Matcher matcher() {
        return matcher;
    }

    /** Orders created so far in this matcher (the state's size). */
    public long orders() {
        return orders;
    }

    /** Applies a built (stamped) command now, outside any timing, and checks it succeeded. */
    public void applyNow(Command c) {
        journal.accept(c);
        matcher.apply(c, scratch);
        if (scratch.code != ResultCode.OK) {
            throw new IllegalStateException("setup command " + c + " answered " + scratch.code);
        }
    }

    /** Journal-stage work: the next sequence for a journaled command; the clock moves 1 ms per 100 commands. */
    private void stamp(Command c) {
        commands++;
        if (commands % 100 == 0) {
            clockMillis++;
        }
        c.acceptedAtMillis = clockMillis;
        c.sequence = c.type.isQuery() ? 0 : ++sequence;
    }

    /** A new Native order (unique out_trade_no and code_url token). */
    public Command createOrder(Command c) {
        c.reset();
        long n = ++orders;
        c.type = CommandType.CREATE_ORDER;
        c.tradeType = TradeType.NATIVE;
        c.mchid = decoded(mchid);
        c.appid = decoded(APPID);
        c.outTradeNo = outTradeNo(n);
        c.amountFen = 1 + n % 10_000;
        c.description = decoded(DESCRIPTION);
        c.notifyUrl = decoded(NOTIFY_URL);
        c.token = token(n);
        stamp(c);
        c.deadlineMillis = c.acceptedAtMillis + PREPAY_VALIDITY_MILLIS;
        return c;
    }

    /** The sandbox payer scans order {@code n}'s code_url. */
    public Command pay(Command c, long n) {
        c.reset();
        c.type = CommandType.PAY_ORDER;
        c.openid = decoded(payers[(int) (n % PAYERS)]);
        c.token = token(n);
        stamp(c);
        return c;
    }

    /** Query order {@code n} by out_trade_no. */
    public Command query(Command c, long n) {
        c.reset();
        c.type = CommandType.QUERY_ORDER;
        c.mchid = decoded(mchid);
        c.outTradeNo = outTradeNo(n);
        stamp(c);
        return c;
    }

    /** A TICK (the ticker's command); with orders lapsing in two hours, nothing is due. */
    public Command tick(Command c) {
        c.reset();
        c.type = CommandType.TICK;
        stamp(c);
        return c;
    }

    /**
     * A fresh copy of {@code s}, as the decoder makes one for every text field of every command: its
     * own bytes and no cached hash, so the matcher pays for comparing it as it does live (the ids'
     * hashes are computed by whoever publishes the command: {@code Command.cacheHashes}).
     */
    static String decoded(String s) {
        return new String(s.toCharArray());
    }

    static String outTradeNo(long n) {
        return "BENCH" + pad(n, 20);
    }

    private static final char[] ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    /**
     * Order {@code n}'s code_url token: 16 characters of [0-9A-Za-z] as the acceptor draws them from a
     * CSPRNG, here scrambled from {@code n} so that batches stay reproducible (the last 11 encode a
     * bijective mix of {@code n}, so tokens are unique). Sequential tokens would hand the matcher's
     * token index a memory locality that random ones never have.
     */
    static String token(long n) {
        char[] c = new char[16];
        long x = scramble(n);
        for (int i = 15; i >= 5; i--) {
            c[i] = ALNUM[(int) Long.remainderUnsigned(x, ALNUM.length)];
            x = Long.divideUnsigned(x, ALNUM.length);
        }
        long y = scramble(~n);
        for (int i = 4; i >= 0; i--) {
            c[i] = ALNUM[(int) Long.remainderUnsigned(y, ALNUM.length)];
            y = Long.divideUnsigned(y, ALNUM.length);
        }
        return new String(c);
    }

    /** SplitMix64's finaliser: a bijection on longs. */
    private static long scramble(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static String pad(long v, int width) {
        String s = Long.toString(v);
        StringBuilder sb = new StringBuilder(width);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s).toString();
    }
}
