package io.paygate.gateway.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandCodec;
import io.paygate.codec.command.CommandType;
import io.paygate.codec.command.TradeType;
import io.paygate.gateway.matcher.MatchResult;
import io.paygate.gateway.matcher.Matcher;
import io.paygate.gateway.matcher.ResultCode;
import io.paygate.gateway.respond.ApiError;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * No poison pills through the decoders (reliability G6). Seeded, edge-biased request bodies (0, 1,
 * 2^k±1, Long.MAX_VALUE, overflowing sums, unknown ids, huge and unicode strings, wrong JSON types,
 * missing and unknown fields, garbage bytes) go through every decoder of every endpoint:
 * <ul>
 *   <li>a rejection is only ever a protocol-format one: {@link ApiError} 400 (PARAM_ERROR /
 *       INVALID_REQUEST) or 403 (NO_AUTH, the signer mismatch); nothing else escapes a decoder;</li>
 *   <li>every accepted command, stamped as the acceptor stamps it, round-trips through
 *       {@link CommandCodec} byte for byte and is applied to a matcher that never throws;</li>
 *   <li>a second matcher fed the decoded records in lockstep gives the same result codes and, at the
 *       end, the same state hash; invariants hold every 1,000 commands and at the end.</li>
 * </ul>
 * {@code -Dpaygate.seed=S}, {@code -Dpaygate.fuzz.count=N} (default 50,000; the full G6 run is 10^6).
 */
class DecoderFuzzTest {

    static final int COUNT = Integer.getInteger("paygate.fuzz.count", 50_000);
    static final long START_MILLIS = 1_767_225_600_000L;
    static final Set<String> FORMAT_CODES = Set.of("PARAM_ERROR", "INVALID_REQUEST", "NO_AUTH");
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    enum Endpoint {
        NATIVE, JSAPI, APP, H5, CODEPAY, REVERSE, CLOSE, QUERY_OUT_TRADE_NO, QUERY_TRANSACTION_ID, REFUND,
        REFUND_QUERY, CREATE_PAYER, QUERY_PAYER, PAYER_STATUS, AUTH_CODE, PAY, CONFIRM,
        PARTNER_NATIVE, PARTNER_JSAPI, PARTNER_APP, PARTNER_H5, PARTNER_CODEPAY, PARTNER_REVERSE, PARTNER_CLOSE,
        PARTNER_QUERY_OUT_TRADE_NO, PARTNER_QUERY_TRANSACTION_ID, PARTNER_REFUND
    }

    private final OrderDecoder orders = new OrderDecoder(true);
    private final RefundDecoder refunds = new RefundDecoder(orders);
    private final SandboxDecoder sandbox = new SandboxDecoder();
    private SplittableRandom rnd;
    private long now = START_MILLIS;
    private String mchid;
    private String appid;
    private final List<String> outTradeNos = new ArrayList<>(List.of("UNKNOWN_ORDER_1"));
    private final List<String> outRefundNos = new ArrayList<>(List.of("UNKNOWN_REFUND"));
    private final List<String> openids = new ArrayList<>(List.of("oUnknownPayer000000000000000"));
    private final List<String> codeUrlTokens = new ArrayList<>(List.of("UNKNOWNTOKEN0000"));
    private final List<String> prepayIds = new ArrayList<>(List.of("wx000000000000000000000000000000"));
    private final List<String> authCodes = new ArrayList<>(List.of("134567890123456789"));
    private final List<String> transactionIds = new ArrayList<>(List.of("4200000000000000000000000000"));
    private final List<String> paid = new ArrayList<>(List.of("UNKNOWN_ORDER_1"));
    private final Map<String, Long> totals = new java.util.HashMap<>();
    private long tokens;

    @Test
    void everyDecodedCommandRoundTripsAndNeverBreaksTheMatcher() {
        Long fixed = Long.getLong("paygate.seed");
        long seed = fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
        System.out.println("DecoderFuzzTest seed=" + seed + " count=" + COUNT + " (rerun: -Dpaygate.seed=" + seed
                + " -Dpaygate.fuzz.count=" + COUNT + ")");
        rnd = new SplittableRandom(seed);
        long t0 = System.nanoTime();
        Matcher live = new Matcher();
        Matcher replayed = new Matcher();
        CommandCodec codec = new CommandCodec();
        byte[] record = new byte[CommandCodec.RECORD_BYTES_MAX];
        byte[] again = new byte[CommandCodec.RECORD_BYTES_MAX];
        Command decoded = new Command();
        MatchResult out = new MatchResult();
        MatchResult out2 = new MatchResult();
        Map<Endpoint, Map<String, Integer>> census = new EnumMap<>(Endpoint.class);
        Map<CommandType, Map<ResultCode, Integer>> results = new EnumMap<>(CommandType.class);
        long sequence = 0;

        Command provision = provision();
        provision.sequence = ++sequence;
        live.apply(provision, out);
        assertThat(out.code).isEqualTo(ResultCode.OK);
        mchid = out.mchid;
        appid = out.appid;
        replayed.apply(new Command().copyFrom(provision), out2);

        for (int step = 1; step <= COUNT; step++) {
            now += rnd.nextInt(300) == 0 ? rnd.nextLong(3_600_000) : rnd.nextLong(300);
            Endpoint e = Endpoint.values()[rnd.nextInt(Endpoint.values().length)];
            Command cmd = new Command();
            cmd.acceptedAtMillis = now;
            String where = "seed=" + seed + " step " + step + " " + e;
            if (rnd.nextInt(100) == 0) {
                cmd.type = CommandType.TICK; // the ticker's own command, so that expiries and settlements happen
                e = null;
            } else {
                byte[] body = body(e);
                String signer = rnd.nextInt(50) == 0 ? "1900000109" : mchid;
                where += " body " + new String(body, StandardCharsets.UTF_8);
                String outcome;
                try {
                    decode(e, body, signer, cmd);
                    outcome = "accepted";
                } catch (ApiError.RejectedRequest r) {
                    assertThat(r.error().status()).as(where + ": " + r.error()).isIn(400, 403);
                    assertThat(r.error().code()).as(where).isIn(FORMAT_CODES);
                    outcome = r.error().status() + " " + r.error().code();
                } catch (RuntimeException | StackOverflowError x) {
                    throw new AssertionError(where + ": the decoder threw " + x, x);
                }
                census.computeIfAbsent(e, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
                if (!outcome.equals("accepted")) {
                    continue;
                }
                stamp(cmd);
            }
            if (!cmd.type.isQuery()) {
                cmd.sequence = ++sequence;
            }
            try {
                live.apply(cmd, out);
            } catch (RuntimeException x) {
                throw new AssertionError(where + ": the matcher threw on " + cmd + ": " + x, x);
            }
            assertThat(out.code).as(where).isNotNull();
            results.computeIfAbsent(cmd.type, k -> new EnumMap<>(ResultCode.class)).merge(out.code, 1, Integer::sum);
            learn(cmd, out);
            if (cmd.type.isQuery()) {
                decoded.copyFrom(cmd);
            } else {
                int n = codec.encode(cmd, record);
                codec.decode(record, 0, n, decoded);
                int m = codec.encode(decoded, again);
                assertThat(Arrays.equals(record, 0, n, again, 0, m)).as(where + ": codec round trip of " + cmd).isTrue();
            }
            try {
                replayed.apply(decoded, out2);
            } catch (RuntimeException x) {
                throw new AssertionError(where + ": the replaying matcher threw on " + decoded + ": " + x, x);
            }
            assertThat(out2.code).as(where + ": lockstep replay").isEqualTo(out.code);
            if (step % 1_000 == 0) {
                live.checkInvariants();
            }
        }
        live.checkInvariants();
        replayed.checkInvariants();
        assertThat(replayed.stateHash()).as("seed=" + seed + ": replaying the decoded records").isEqualTo(live.stateHash());
        System.out.println("DecoderFuzzTest: " + COUNT + " cases, " + sequence + " journaled commands, "
                + live.orderCount() + " orders, " + live.refundCount() + " refunds, " + live.payerCount() + " payers in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        census.forEach((k, v) -> System.out.println("  " + k + " " + v));
        results.forEach((k, v) -> System.out.println("  " + k + " " + v));
        assertThat(census.values().stream().mapToInt(v -> v.getOrDefault("accepted", 0)).sum()).as("some accepted")
                .isGreaterThan(COUNT / 20);
    }

    private void decode(Endpoint e, byte[] body, String signer, Command cmd) {
        int n = body.length;
        switch (e) {
            case NATIVE -> orders.prepay(TradeType.NATIVE, body, 0, n, signer, now, cmd);
            case JSAPI -> orders.prepay(TradeType.JSAPI, body, 0, n, signer, now, cmd);
            case APP -> orders.prepay(TradeType.APP, body, 0, n, signer, now, cmd);
            case H5 -> orders.prepay(TradeType.MWEB, body, 0, n, signer, now, cmd);
            case CODEPAY -> orders.codepay(body, 0, n, signer, cmd);
            case REVERSE -> orders.reverse(pathId(outTradeNos), body, 0, n, signer, cmd);
            case CLOSE -> orders.close(pathId(outTradeNos), body, 0, n, signer, cmd);
            case QUERY_OUT_TRADE_NO -> orders.queryByOutTradeNo(pathId(outTradeNos), param(), signer, cmd);
            case QUERY_TRANSACTION_ID -> orders.queryByTransactionId(pathId(transactionIds), param(), signer, cmd);
            case REFUND -> refunds.create(body, 0, n, signer, cmd);
            case REFUND_QUERY -> refunds.query(pathId(outRefundNos), rnd.nextInt(20) == 0 ? "1900000109" : null, signer, cmd);
            case CREATE_PAYER -> sandbox.createPayer(body, 0, n, cmd);
            case QUERY_PAYER -> sandbox.queryPayer(pathId(openids), cmd);
            case PAYER_STATUS -> sandbox.setPayerStatus(pathId(openids), body, 0, n, cmd);
            case AUTH_CODE -> sandbox.issueAuthCode(pathId(openids), cmd);
            case PAY -> sandbox.pay(body, 0, n, cmd);
            case CONFIRM -> sandbox.confirm(pathId(openids), body, 0, n, cmd);
            case PARTNER_NATIVE -> orders.prepay(TradeType.NATIVE, true, body, 0, n, signer, now, cmd);
            case PARTNER_JSAPI -> orders.prepay(TradeType.JSAPI, true, body, 0, n, signer, now, cmd);
            case PARTNER_APP -> orders.prepay(TradeType.APP, true, body, 0, n, signer, now, cmd);
            case PARTNER_H5 -> orders.prepay(TradeType.MWEB, true, body, 0, n, signer, now, cmd);
            case PARTNER_CODEPAY -> orders.codepay(true, body, 0, n, signer, cmd);
            case PARTNER_REVERSE -> orders.reverse(true, pathId(outTradeNos), body, 0, n, signer, cmd);
            case PARTNER_CLOSE -> orders.close(true, pathId(outTradeNos), body, 0, n, signer, cmd);
            case PARTNER_QUERY_OUT_TRADE_NO -> orders.partnerQueryByOutTradeNo(pathId(outTradeNos), param(), subMchid(),
                    signer, cmd);
            case PARTNER_QUERY_TRANSACTION_ID -> orders.partnerQueryByTransactionId(pathId(transactionIds), param(),
                    subMchid(), signer, cmd);
            case PARTNER_REFUND -> refunds.create(body, 0, n, signer, cmd);
            default -> throw new IllegalStateException();
        }
    }

    /** What {@code ApiHandler} adds after decoding: tokens, ids and deadlines. */
    private void stamp(Command cmd) {
        switch (cmd.type) {
            case CREATE_ORDER -> {
                cmd.token = cmd.tradeType == TradeType.NATIVE ? alnum(16) : "wx" + digits(30);
                cmd.deadlineMillis = cmd.timeExpireMillis != 0 ? cmd.timeExpireMillis : now + 7_200_000;
            }
            case CODEPAY -> {
                cmd.totalFen = 100_000;
                cmd.deadlineMillis = now + 45_000;
            }
            case CREATE_PAYER -> cmd.openid = "o" + alnum(27);
            case ISSUE_AUTH_CODE -> {
                cmd.token = (10 + rnd.nextInt(6)) + digits(16);
                cmd.deadlineMillis = now + 60_000;
            }
            default -> {
            }
        }
    }

    /** Remembers the ids a result created, so that later bodies can name them. */
    private void learn(Command cmd, MatchResult out) {
        if (out.code != ResultCode.OK) {
            return;
        }
        switch (cmd.type) {
            case CREATE_ORDER -> {
                outTradeNos.add(cmd.outTradeNo);
                totals.put(cmd.outTradeNo, cmd.amountFen);
                (cmd.tradeType == TradeType.NATIVE ? codeUrlTokens : prepayIds).add(cmd.token);
            }
            case CODEPAY -> {
                outTradeNos.add(cmd.outTradeNo);
                totals.put(cmd.outTradeNo, cmd.amountFen);
                paid.add(cmd.outTradeNo);
            }
            case PAY_ORDER, CONFIRM_CODEPAY -> {
                if (out.hasOrder) {
                    paid.add(out.order.outTradeNo);
                }
            }
            case CREATE_PAYER -> openids.add(cmd.openid);
            case ISSUE_AUTH_CODE -> authCodes.add(cmd.token);
            case CREATE_REFUND -> outRefundNos.add(cmd.outRefundNo);
            default -> {
            }
        }
        if (out.hasOrder && out.order.transactionId != null && transactionIds.size() < 10_000) {
            transactionIds.add(out.order.transactionId);
        }
    }

    private Command provision() {
        Command c = new Command();
        c.type = CommandType.PROVISION_MERCHANT;
        c.acceptedAtMillis = now;
        c.name = "Fuzz merchant";
        c.appid = "wxd678efh567hg6787";
        c.serialNo = "5157F09EFDC096DE15EBE81A47057A7200000001";
        c.publicKeyDer = new byte[] {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70};
        c.secret = "apiv3key0123456789abcdef01234567";
        c.secret2 = "apiv2key0123456789abcdef01234567";
        c.feeRatePpm = 6000;
        return c;
    }

    // ---------------------------------------------------------------- bodies

    private byte[] body(Endpoint e) {
        int garbage = rnd.nextInt(100);
        if (garbage < 2) {
            byte[] b = new byte[rnd.nextInt(64)];
            rnd.nextBytes(b);
            return b;
        }
        if (garbage < 4) {
            return pick("", "null", "[]", "{", "{\"amount\":", "\"text\"", "1e999999", "{\"a\":1,\"a\":2}",
                    "[".repeat(5_000), "{\"mchid\":\"" + mchid + "\"}trailing").getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode o = valid(e);
        int mutations = rnd.nextInt(10) < 4 ? 0 : 1 + rnd.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            mutate(o);
        }
        byte[] b = o.toString().getBytes(StandardCharsets.UTF_8);
        if (rnd.nextInt(100) == 0 && b.length > 1) {
            return Arrays.copyOf(b, rnd.nextInt(b.length)); // cut short
        }
        return b;
    }

    /** A body the endpoint accepts (mostly), naming ids the matcher knows (mostly). */
    private ObjectNode valid(Endpoint e) {
        if (e.name().startsWith("PARTNER_")) {
            return partner(e);
        }
        ObjectNode o = F.objectNode();
        switch (e) {
            case NATIVE, JSAPI, APP, H5, CODEPAY -> {
                o.put("appid", appid);
                o.put("mchid", mchid);
                o.put("description", "Image形象店-深圳腾大-QQ公仔");
                o.put("out_trade_no", rnd.nextInt(5) == 0 ? pick(outTradeNos) : "FUZZ" + (++tokens));
                ObjectNode amount = o.putObject("amount");
                amount.put("total", amountFen());
                amount.put("currency", "CNY");
                if (e != Endpoint.CODEPAY) {
                    o.put("notify_url", "https://www.weixin.qq.com/wxpay/pay.php");
                    if (rnd.nextInt(5) == 0) {
                        o.put("time_expire", Instant.ofEpochMilli(now + rnd.nextLong(-60_000, 7_200_000))
                                .atOffset(ZoneOffset.ofHours(8)).toString());
                    }
                }
                if (e == Endpoint.JSAPI) {
                    o.putObject("payer").put("openid", pick(openids));
                }
                if (e == Endpoint.H5) {
                    ObjectNode scene = o.putObject("scene_info");
                    scene.put("payer_client_ip", "14.23.150.211");
                    scene.putObject("h5_info").put("type", "Wap");
                }
                if (e == Endpoint.CODEPAY) {
                    o.putObject("payer").put("auth_code", recent(authCodes));
                    o.putObject("scene_info").putObject("store_info").put("id", "S001");
                }
            }
            case REVERSE -> {
                o.put("appid", appid);
                o.put("mchid", mchid);
            }
            case CLOSE -> o.put("mchid", mchid);
            case REFUND -> {
                if (rnd.nextInt(4) == 0) {
                    o.put("transaction_id", pick(transactionIds));
                } else {
                    o.put("out_trade_no", recent(paid));
                }
                o.put("out_refund_no", rnd.nextInt(5) == 0 ? pick(outRefundNos) : "RF" + (++tokens));
                ObjectNode amount = o.putObject("amount");
                long total = rnd.nextInt(5) == 0 ? amountFen() : totals.getOrDefault(o.path("out_trade_no").asText(), 1L);
                amount.put("refund", rnd.nextInt(3) == 0 ? total : 1 + rnd.nextLong(Math.max(1, total)));
                amount.put("total", total);
                amount.put("currency", "CNY");
                if (rnd.nextInt(4) == 0) {
                    ArrayNode from = amount.putArray("from");
                    from.addObject().put("account", "AVAILABLE").put("amount", Long.MAX_VALUE / 2 + rnd.nextInt(3));
                    from.addObject().put("account", "UNAVAILABLE").put("amount", Long.MAX_VALUE / 2 + rnd.nextInt(3));
                }
            }
            case CREATE_PAYER -> o.put("balance", rnd.nextInt(3) == 0 ? number().asLong()
                    : rnd.nextLong(SandboxDecoder.BALANCE_FEN_MAX));
            case PAYER_STATUS -> o.put("status", pick("ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "FROZEN", "CLOSED", "active", ""));
            case PAY -> {
                o.put("openid", recent(openids));
                if (rnd.nextBoolean()) {
                    o.put("code_url", SandboxDecoder.CODE_URL_PREFIX + recent(codeUrlTokens));
                } else {
                    o.put("prepay_id", recent(prepayIds));
                }
            }
            case CONFIRM -> {
                o.put("mchid", mchid);
                o.put("out_trade_no", pick(outTradeNos));
            }
            default -> {
            }
        }
        return o;
    }

    /** A service provider's body: sp_mchid is the signer, sub_mchid a sub-merchant (known or not). */
    private ObjectNode partner(Endpoint e) {
        Endpoint direct = switch (e) {
            case PARTNER_NATIVE -> Endpoint.NATIVE;
            case PARTNER_JSAPI -> Endpoint.JSAPI;
            case PARTNER_APP -> Endpoint.APP;
            case PARTNER_H5 -> Endpoint.H5;
            case PARTNER_CODEPAY -> Endpoint.CODEPAY;
            case PARTNER_REVERSE -> Endpoint.REVERSE;
            case PARTNER_CLOSE -> Endpoint.CLOSE;
            default -> Endpoint.REFUND;
        };
        ObjectNode o = valid(direct);
        if (direct == Endpoint.REFUND) {
            o.put("sub_mchid", subMchid());
            return o;
        }
        o.remove("appid");
        o.remove("mchid");
        o.put("sp_mchid", mchid);
        o.put("sub_mchid", subMchid());
        if (direct != Endpoint.CLOSE) {
            o.put("sp_appid", appid);
            if (rnd.nextBoolean()) {
                o.put("sub_appid", "wx8888888888888888");
            }
        }
        if (direct == Endpoint.JSAPI) {
            o.remove("payer");
            o.putObject("payer").put(rnd.nextBoolean() ? "sp_openid" : "sub_openid", recent(openids));
        }
        return o;
    }

    private String subMchid() {
        return switch (rnd.nextInt(6)) {
            case 0 -> mchid;
            case 1 -> "1900000109";
            case 2 -> null;
            default -> "1900000002";
        };
    }

    private long amountFen() {
        return switch (rnd.nextInt(6)) {
            case 0 -> 1;
            case 1 -> 100_000 + rnd.nextInt(3) - 1; // around the password-free limit
            case 2 -> Integer.MAX_VALUE - rnd.nextInt(2);
            case 3 -> (1L << rnd.nextInt(31)) + rnd.nextInt(3) - 1;
            default -> 1 + rnd.nextInt(100_000);
        };
    }

    /** One edit somewhere in the tree: an edge value (maybe of the wrong type), a removal, an unknown field. */
    private void mutate(ObjectNode root) {
        List<ObjectNode> parents = new ArrayList<>();
        collect(root, parents);
        ObjectNode parent = parents.get(rnd.nextInt(parents.size()));
        List<String> names = new ArrayList<>();
        parent.fieldNames().forEachRemaining(names::add);
        int what = rnd.nextInt(10);
        if (names.isEmpty() || what == 0) {
            parent.set(pick("unknown_field", "sub_mchid", "detail", "settle_info", "limit_pay", "goods_detail",
                    "support_fapiao", "attach", "goods_tag", "funds_account", "reason", "scene_info", "payer", "amount"),
                    value(null));
        } else if (what == 1) {
            parent.remove(names.get(rnd.nextInt(names.size())));
        } else {
            String name = names.get(rnd.nextInt(names.size()));
            parent.set(name, value(parent.get(name)));
        }
    }

    private static void collect(JsonNode n, List<ObjectNode> out) {
        if (n instanceof ObjectNode o) {
            out.add(o);
        }
        n.elements().forEachRemaining(c -> collect(c, out));
    }

    /** An edge value, usually of the same JSON type as {@code was}. */
    private JsonNode value(JsonNode was) {
        int r = rnd.nextInt(100);
        if (r < 15 || was == null) {
            return switch (rnd.nextInt(7)) {
                case 0 -> F.nullNode();
                case 1 -> F.booleanNode(rnd.nextBoolean());
                case 2 -> F.arrayNode().add(text()).add(number());
                case 3 -> F.objectNode().put("total", number().asLong()).put("account", "AVAILABLE").put("amount", 1)
                        .put("id", "S1").put("openid", pick(openids)).put("merchant_goods_id", "G1")
                        .put("quantity", 1).put("unit_price", 0).put("refund_amount", 0).put("refund_quantity", 1);
                case 4 -> number();
                case 5 -> F.arrayNode();
                default -> text();
            };
        }
        if (was.isNumber()) {
            return number();
        }
        if (was.isTextual()) {
            return text();
        }
        return value(null);
    }

    private JsonNode number() {
        return switch (rnd.nextInt(12)) {
            case 0 -> F.numberNode(0L);
            case 1 -> F.numberNode(1L);
            case 2 -> F.numberNode(-1L);
            case 3 -> F.numberNode(Long.MAX_VALUE);
            case 4 -> F.numberNode(Long.MIN_VALUE);
            case 5 -> F.numberNode((long) Integer.MAX_VALUE + 1);
            case 6 -> F.numberNode(BigInteger.ONE.shiftLeft(64).add(BigInteger.ONE));
            case 7 -> F.numberNode(1.5);
            case 8 -> F.numberNode(-0.0);
            case 9 -> F.numberNode(SandboxDecoder.BALANCE_FEN_MAX + rnd.nextInt(3) - 1);
            default -> F.numberNode((1L << rnd.nextInt(63)) + rnd.nextInt(3) - 1);
        };
    }

    private JsonNode text() {
        return F.textNode(switch (rnd.nextInt(16)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> "a".repeat(pickInt(1, 5, 6, 31, 32, 33, 64, 65, 80, 81, 127, 128, 129, 255, 256));
            case 3 -> "😀".repeat(pickInt(1, 63, 64, 127, 128));
            case 4 -> "ab\u0000cd";
            case 5 -> "x\u0085y";
            case 6 -> "bad\uD800surrogate";
            case 7 -> "x".repeat(60_000);
            case 8 -> pick(outTradeNos);
            case 9 -> pick(openids);
            case 10 -> digits(pickInt(1, 17, 18, 19, 32, 33));
            case 11 -> pick("CNY", "USD", "cny", "AVAILABLE", "UNAVAILABLE", "Wap", "iOS", "ACTIVE", "FROZEN");
            case 12 -> pick("http://127.0.0.1:1/n", "https://x/?q=1", "ftp://x/y", "http://[::1]/n", "https://user@h/n",
                    "https://", "https://www.weixin.qq.com:99999/n", "not a url");
            case 13 -> "2018-06-08T10:34:56+08:00";
            case 14 -> "מחרוזת‏עברית‮RTL";
            default -> alnum(1 + rnd.nextInt(40));
        });
    }

    private String pathId(List<String> known) {
        return rnd.nextInt(4) == 0 ? text().asText() : pick(known);
    }

    private String param() {
        return switch (rnd.nextInt(20)) {
            case 0 -> null;
            case 1 -> "1900000109";
            case 2 -> "";
            default -> mchid;
        };
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[rnd.nextInt(values.length)];
    }

    private int pickInt(int... values) {
        return values[rnd.nextInt(values.length)];
    }

    /** Mostly one of the newest values (fresh tokens, unexpired codes), sometimes any. */
    private <T> T recent(List<T> values) {
        int back = rnd.nextInt(4) == 0 ? rnd.nextInt(values.size()) : Math.min(values.size() - 1, rnd.nextInt(8));
        return values.get(values.size() - 1 - back);
    }

    private <T> T pick(List<T> values) {
        return values.get(rnd.nextInt(values.size()));
    }

    private String alnum(int n) {
        String abc = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(abc.charAt(rnd.nextInt(abc.length())));
        }
        return b.toString();
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + rnd.nextInt(10)));
        }
        return b.toString();
    }
}
