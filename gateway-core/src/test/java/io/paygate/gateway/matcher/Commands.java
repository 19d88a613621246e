package io.paygate.gateway.matcher;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import io.paygate.codec.command.TradeType;

/**
 * Test factory for matcher commands. It fills the fields the acceptor (ApiHandler, the decoders, the
 * admin provisioner) would fill, draws tokens the way the acceptor does but deterministically
 * (counters, not a CSPRNG), keeps a virtual clock, and stamps journal sequences the way the journal
 * stage does: {@link #journal(Command)} gives every non-query command {@code previous + 1}.
 *
 * <p>Builders are fluent ({@link Cmd}); the acceptor-computed deadline of an order, a code payment or
 * a pay code is derived from the final accepted-at time when the command is built, unless a test sets
 * it explicitly.
 */
final class Commands {

    /** 2024-06-01T00:00:00Z, a plain weekday: the virtual clock starts here. */
    static final long START_MILLIS = 1_717_200_000_000L;
    /** reference.conf defaults, as the acceptor stamps them. */
    static final long PASSWORD_FREE_LIMIT_FEN = 100_000;
    static final long USERPAYING_TIMEOUT_MILLIS = 45_000;
    static final long AUTH_CODE_VALIDITY_MILLIS = 60_000;
    static final long PREPAY_VALIDITY_MILLIS = 2 * 3_600_000L;
    /** MerchantProvisioner.FEE_RATE_PPM_DEFAULT (0.60%). */
    static final long FEE_RATE_PPM = 6000;

    private long clockMillis;
    private long lastSequence;
    private long tokens;
    private long passwordFreeLimitFen = PASSWORD_FREE_LIMIT_FEN;
    private long prepayValidityMillis = PREPAY_VALIDITY_MILLIS;

    Commands() {
        this(START_MILLIS);
    }

    Commands(long startMillis) {
        this.clockMillis = startMillis;
    }

    // ---- clock, sequence, configuration

    long now() {
        return clockMillis;
    }

    Commands advance(long millis) {
        clockMillis += millis;
        return this;
    }

    Commands clock(long millis) {
        clockMillis = millis;
        return this;
    }

    long lastSequence() {
        return lastSequence;
    }

    Commands passwordFreeLimitFen(long fen) {
        passwordFreeLimitFen = fen;
        return this;
    }

    Commands prepayValidityMillis(long millis) {
        prepayValidityMillis = millis;
        return this;
    }

    /** What the journal stage does: a journaled command gets the next sequence; a query keeps 0. */
    Command journal(Command cmd) {
        cmd.sequence = cmd.type.isQuery() ? 0 : ++lastSequence;
        return cmd;
    }

    // ---- acceptor-drawn tokens (deterministic here)

    /** The pr= part of a code_url: 16 alphanumerics. */
    String codeUrlToken() {
        return "C" + pad(++tokens, 15);
    }

    /** wx + yyyyMMddHHmmss + 20 hex characters, like Tokens.prepayId. */
    String prepayId() {
        return "wx20240601080000" + pad(++tokens, 20);
    }

    /** o + 27 characters, like Tokens.openid. */
    String openid() {
        return "oPAYER" + pad(++tokens, 22);
    }

    /** 18 digits beginning with 10 to 15, like Tokens.authCode. */
    String authCode() {
        return "13" + pad(++tokens, 16);
    }

    static String pad(long v, int width) {
        String s = Long.toString(v);
        StringBuilder sb = new StringBuilder(width);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s).toString();
    }

    // ---- builders

    /** Admin provisioning: an explicit mchid, or null for the matcher to assign one. */
    Cmd provision(String mchid, String appid) {
        Cmd c = cmd(CommandType.PROVISION_MERCHANT);
        c.cmd.mchid = mchid;
        c.cmd.appid = appid;
        c.cmd.name = "Merchant " + (mchid == null ? "assigned" : mchid);
        c.cmd.serialNo = "5157F09EFDC096DE15EBE81A47057A72" + pad(tokens, 8);
        c.cmd.publicKeyDer = new byte[] {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70};
        c.cmd.secret = "apiv3key0123456789abcdef01234567";
        c.cmd.secret2 = "apiv2key0123456789abcdef01234567";
        c.cmd.feeRatePpm = FEE_RATE_PPM;
        return c;
    }

    /** A Native/JSAPI/App/H5 prepay. JSAPI needs {@link Cmd#openid(String)}. */
    Cmd order(TradeType type, String mchid, String appid, String outTradeNo, long amountFen) {
        Cmd c = cmd(CommandType.CREATE_ORDER);
        c.cmd.tradeType = type;
        c.cmd.mchid = mchid;
        c.cmd.appid = appid;
        c.cmd.outTradeNo = outTradeNo;
        c.cmd.amountFen = amountFen;
        c.cmd.description = "Image形象店-深圳腾大-QQ公仔";
        c.cmd.notifyUrl = "https://www.weixin.qq.com/wxpay/pay.php";
        c.cmd.token = type == TradeType.NATIVE ? codeUrlToken() : prepayId();
        c.validityMillis = prepayValidityMillis;
        return c;
    }

    Cmd nativeOrder(String mchid, String appid, String outTradeNo, long amountFen) {
        return order(TradeType.NATIVE, mchid, appid, outTradeNo, amountFen);
    }

    Cmd jsapiOrder(String mchid, String appid, String outTradeNo, long amountFen, String openid) {
        return order(TradeType.JSAPI, mchid, appid, outTradeNo, amountFen).openid(openid);
    }

    Cmd close(String mchid, String outTradeNo) {
        Cmd c = cmd(CommandType.CLOSE_ORDER);
        c.cmd.mchid = mchid;
        c.cmd.outTradeNo = outTradeNo;
        return c;
    }

    Cmd queryOrder(String mchid, String outTradeNo) {
        Cmd c = cmd(CommandType.QUERY_ORDER);
        c.cmd.mchid = mchid;
        c.cmd.outTradeNo = outTradeNo;
        return c;
    }

    Cmd queryByTransactionId(String mchid, String transactionId) {
        Cmd c = cmd(CommandType.QUERY_ORDER);
        c.cmd.mchid = mchid;
        c.cmd.transactionId = transactionId;
        return c;
    }

    /** Sandbox payer with an opening balance; the acceptor draws the openid. */
    Cmd createPayer(long balanceFen) {
        Cmd c = cmd(CommandType.CREATE_PAYER);
        c.cmd.amountFen = balanceFen;
        c.cmd.openid = openid();
        return c;
    }

    Cmd queryPayer(String openid) {
        Cmd c = cmd(CommandType.QUERY_PAYER);
        c.cmd.openid = openid;
        return c;
    }

    Cmd issueAuthCode(String openid) {
        Cmd c = cmd(CommandType.ISSUE_AUTH_CODE);
        c.cmd.openid = openid;
        c.cmd.token = authCode();
        c.validityMillis = AUTH_CODE_VALIDITY_MILLIS;
        return c;
    }

    /** Sandbox payment of a code_url token or prepay_id. */
    Cmd pay(String openid, String token) {
        Cmd c = cmd(CommandType.PAY_ORDER);
        c.cmd.openid = openid;
        c.cmd.token = token;
        return c;
    }

    /** The merchant scans a pay code; the acceptor adds the password-free limit and the revoke time. */
    Cmd codepay(String mchid, String appid, String outTradeNo, long amountFen, String authCode) {
        Cmd c = cmd(CommandType.CODEPAY);
        c.cmd.tradeType = TradeType.MICROPAY;
        c.cmd.mchid = mchid;
        c.cmd.appid = appid;
        c.cmd.outTradeNo = outTradeNo;
        c.cmd.amountFen = amountFen;
        c.cmd.description = "门店收银";
        c.cmd.storeId = "0001";
        c.cmd.deviceId = "POS-1";
        c.cmd.token = authCode;
        c.cmd.totalFen = passwordFreeLimitFen;
        c.validityMillis = USERPAYING_TIMEOUT_MILLIS;
        return c;
    }

    Cmd confirm(String openid, String mchid, String outTradeNo) {
        Cmd c = cmd(CommandType.CONFIRM_CODEPAY);
        c.cmd.openid = openid;
        c.cmd.mchid = mchid;
        c.cmd.outTradeNo = outTradeNo;
        return c;
    }

    Cmd reverse(String mchid, String appid, String outTradeNo) {
        Cmd c = cmd(CommandType.REVERSE_ORDER);
        c.cmd.mchid = mchid;
        c.cmd.appid = appid;
        c.cmd.outTradeNo = outTradeNo;
        return c;
    }

    /** A refund by out_trade_no; {@code totalFen} is the order total the request states. */
    Cmd refund(String mchid, String outTradeNo, String outRefundNo, long refundFen, long totalFen) {
        Cmd c = cmd(CommandType.CREATE_REFUND);
        c.cmd.mchid = mchid;
        c.cmd.outTradeNo = outTradeNo;
        c.cmd.outRefundNo = outRefundNo;
        c.cmd.amountFen = refundFen;
        c.cmd.totalFen = totalFen;
        c.cmd.reason = "商品已售完";
        return c;
    }

    Cmd refundByTransactionId(String mchid, String transactionId, String outRefundNo, long refundFen, long totalFen) {
        Cmd c = refund(mchid, null, outRefundNo, refundFen, totalFen);
        c.cmd.transactionId = transactionId;
        return c;
    }

    Cmd queryRefund(String mchid, String outRefundNo) {
        Cmd c = cmd(CommandType.QUERY_REFUND);
        c.cmd.mchid = mchid;
        c.cmd.outRefundNo = outRefundNo;
        return c;
    }

    Cmd tick() {
        return cmd(CommandType.TICK);
    }

    Cmd ledgerSummary() {
        return cmd(CommandType.LEDGER_SUMMARY);
    }

    private Cmd cmd(CommandType type) {
        Cmd c = new Cmd();
        c.cmd.type = type;
        c.cmd.acceptedAtMillis = clockMillis;
        return c;
    }

    /** A command under construction. {@link #build()} derives the acceptor's deadline. */
    static final class Cmd {
        final Command cmd = new Command();
        /** > 0: deadline = timeExpire or acceptedAt + this, computed at build time. */
        long validityMillis;
        boolean deadlineSet;

        Cmd at(long acceptedAtMillis) {
            cmd.acceptedAtMillis = acceptedAtMillis;
            return this;
        }

        Cmd amount(long fen) {
            cmd.amountFen = fen;
            return this;
        }

        Cmd total(long fen) {
            cmd.totalFen = fen;
            return this;
        }

        Cmd appid(String v) {
            cmd.appid = v;
            return this;
        }

        Cmd mchid(String v) {
            cmd.mchid = v;
            return this;
        }

        Cmd openid(String v) {
            cmd.openid = v;
            return this;
        }

        Cmd token(String v) {
            cmd.token = v;
            return this;
        }

        Cmd tradeType(TradeType v) {
            cmd.tradeType = v;
            return this;
        }

        Cmd description(String v) {
            cmd.description = v;
            return this;
        }

        Cmd attach(String v) {
            cmd.attach = v;
            return this;
        }

        Cmd notifyUrl(String v) {
            cmd.notifyUrl = v;
            return this;
        }

        Cmd goodsTag(String v) {
            cmd.goodsTag = v;
            return this;
        }

        Cmd deviceId(String v) {
            cmd.deviceId = v;
            return this;
        }

        Cmd payerClientIp(String v) {
            cmd.payerClientIp = v;
            return this;
        }

        Cmd storeId(String v) {
            cmd.storeId = v;
            return this;
        }

        Cmd flags(long v) {
            cmd.flags = v;
            return this;
        }

        Cmd timeExpire(long millis) {
            cmd.timeExpireMillis = millis;
            return this;
        }

        Cmd transactionId(String v) {
            cmd.transactionId = v;
            return this;
        }

        Cmd outTradeNo(String v) {
            cmd.outTradeNo = v;
            return this;
        }

        Cmd outRefundNo(String v) {
            cmd.outRefundNo = v;
            return this;
        }

        Cmd feeRatePpm(long v) {
            cmd.feeRatePpm = v;
            return this;
        }

        /** Overrides the acceptor-computed deadline. */
        Cmd deadline(long millis) {
            cmd.deadlineMillis = millis;
            deadlineSet = true;
            return this;
        }

        /** The finished command (not yet sequenced). */
        Command build() {
            if (!deadlineSet && validityMillis > 0) {
                cmd.deadlineMillis = cmd.type == CommandType.CREATE_ORDER && cmd.timeExpireMillis != 0
                        ? cmd.timeExpireMillis : cmd.acceptedAtMillis + validityMillis;
            }
            return cmd;
        }
    }
}
