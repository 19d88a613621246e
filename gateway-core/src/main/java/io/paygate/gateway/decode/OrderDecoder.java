package io.paygate.gateway.decode;

import io.paygate.codec.Json;
import io.paygate.codec.JsonInputException;
import io.paygate.codec.Rfc3339;
import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import io.paygate.codec.command.TradeType;
import io.paygate.codec.v3.MchidRequest;
import io.paygate.codec.v3.PrepayRequest;
import io.paygate.gateway.notify.CallbackPolicy;
import io.paygate.gateway.respond.ApiError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Decodes and validates the order endpoints into commands. Lengths and alphabets are WeChat Pay's
 * (reference §2): {@code out_trade_no} 6-32 of {@code [0-9A-Za-z_-|*]}, {@code description} up to
 * 127 characters, {@code attach} 128, {@code notify_url} 255 without a query string, amounts in
 * integer fen, currency CNY.
 */
public final class OrderDecoder {

    public static final int OUT_TRADE_NO_MIN = 6;
    public static final int OUT_TRADE_NO_MAX = 32;
    public static final String OUT_TRADE_NO_EXTRA = "_-|*";
    public static final int DESCRIPTION_MAX = 127;
    public static final int ATTACH_MAX = 128;
    public static final int NOTIFY_URL_MAX = 255;
    public static final int GOODS_TAG_MAX = 32;
    public static final int APPID_MAX = 32;
    public static final int MCHID_MAX = 32;
    public static final int OPENID_MAX = 128;
    public static final int DEVICE_ID_MAX = 32;
    public static final int CLIENT_IP_MAX = 45;
    public static final int STORE_ID_MAX = 32;
    public static final int TRANSACTION_ID_MAX = 32;
    public static final int GOODS_DETAIL_MAX = 6000;
    public static final int AUTH_CODE_DIGITS = 18;
    /** The SDKs carry amounts as 32-bit integers. */
    public static final long AMOUNT_FEN_MAX = Integer.MAX_VALUE;

    private static final Set<String> LIMIT_PAY = Set.of("no_balance", "no_credit", "no_debit", "balance_only");
    private static final Set<String> H5_TYPES = Set.of("iOS", "Android", "Wap");

    private final boolean allowPlainHttpNotifyUrl;
    private final CallbackPolicy callbacks;
    /**
     * notify_url values this decoder has accepted, direct-mapped by hash (a merchant sends the same
     * few URLs over and over; checking one parses it as a URI twice). Whether a URL is accepted
     * depends only on the URL and on this decoder's fixed policy, so a hit skips the checks.
     * Shared by the event loops: entries are immutable strings, a lost race only costs a re-check.
     */
    private final AtomicReferenceArray<String> acceptedNotifyUrls = new AtomicReferenceArray<>(NOTIFY_URL_CACHE);
    private static final int NOTIFY_URL_CACHE = 256;

    /**
     * @param callbacks where notifications may go; in sandbox mode {@code http://} and any address
     *     are accepted, in production only https to public addresses on allowed ports
     */
    public OrderDecoder(CallbackPolicy callbacks) {
        this.callbacks = callbacks;
        this.allowPlainHttpNotifyUrl = callbacks.sandbox();
    }

    /** A decoder with the default callback ports (443, 8443). */
    public OrderDecoder(boolean sandbox) {
        this(new CallbackPolicy(sandbox, Set.of(443, 8443)));
    }

    /**
     * {@code POST /v3/pay/transactions/{native|jsapi|app|h5}}.
     *
     * @param nowMillis the acceptor's clock, for {@code time_expire} (it must lie in the future)
     */
    public void prepay(TradeType tradeType, byte[] body, int offset, int length, String signerMchid, long nowMillis,
                       Command out) {
        prepay(tradeType, false, body, offset, length, signerMchid, nowMillis, out);
    }

    /**
     * Like {@link #prepay(TradeType, byte[], int, int, String, long, Command)}; {@code partner} reads
     * the service-provider body of {@code /v3/pay/partner/transactions/...} (sp_appid, sp_mchid,
     * sub_appid, sub_mchid, payer.sp_openid or payer.sub_openid).
     */
    public void prepay(TradeType tradeType, boolean partner, byte[] body, int offset, int length, String signerMchid,
                       long nowMillis, Command out) {
        PrepayRequest req = parse(body, offset, length, PrepayRequest.class);
        out.type = CommandType.CREATE_ORDER;
        out.tradeType = tradeType;
        orderTerms(req, signerMchid, partner, out);
        // a partner order may leave it to its sub-merchant's notify default (the matcher knows it)
        out.notifyUrl = partner && req.notifyUrl == null ? null : notifyUrl(req.notifyUrl);
        out.timeExpireMillis = timeExpire(req.timeExpire, nowMillis);
        amountAndFlags(req, out);
        limitPay(req.limitPay);
        detail(req.detail);
        if (tradeType == TradeType.JSAPI) {
            if (req.payer == null) {
                throw Fields.missing("payer");
            }
            if (!partner) {
                out.openid = Fields.token("payer.openid", req.payer.openid, 1, OPENID_MAX, "_-");
            } else if (req.payer.subOpenid != null) {
                if (req.payer.spOpenid != null) {
                    throw Fields.invalid("payer", "give sp_openid or sub_openid, not both");
                }
                if (out.subAppid == null) {
                    throw Fields.invalid("payer.sub_openid", "needs sub_appid");
                }
                out.openid = Fields.token("payer.sub_openid", req.payer.subOpenid, 1, OPENID_MAX, "_-");
                out.flags |= Command.FLAG_SUB_OPENID;
            } else {
                out.openid = Fields.token("payer.sp_openid", req.payer.spOpenid, 1, OPENID_MAX, "_-");
            }
        }
        sceneInfo(tradeType, req.sceneInfo, out);
    }

    /**
     * {@code POST /v3/pay/transactions/codepay}: the merchant scanned the payer's pay code. The
     * acceptor adds the password-free limit and the revoke deadline.
     */
    public void codepay(byte[] body, int offset, int length, String signerMchid, Command out) {
        codepay(false, body, offset, length, signerMchid, out);
    }

    /** Codepay, direct or ({@code partner}) through a service provider. */
    public void codepay(boolean partner, byte[] body, int offset, int length, String signerMchid, Command out) {
        PrepayRequest req = parse(body, offset, length, PrepayRequest.class);
        out.type = CommandType.CODEPAY;
        out.tradeType = TradeType.MICROPAY;
        orderTerms(req, signerMchid, partner, out);
        amountAndFlags(req, out);
        detail(req.detail);
        if (req.payer == null) {
            throw Fields.missing("payer");
        }
        out.token = authCode(req.payer.authCode);
        if (req.sceneInfo == null) {
            throw Fields.missing("scene_info");
        }
        if (req.sceneInfo.storeInfo == null) {
            throw Fields.missing("scene_info.store_info");
        }
        sceneInfo(TradeType.MICROPAY, req.sceneInfo, out);
        Fields.optional("scene_info.device_ip", req.sceneInfo.deviceIp, CLIENT_IP_MAX);
        Fields.optional("scene_info.store_info.out_id", req.sceneInfo.storeInfo.outId, STORE_ID_MAX);
    }

    /** The terms every order states: who, which app, what, the merchant's order number, extras. */
    private static void orderTerms(PrepayRequest req, String signerMchid, boolean partner, Command out) {
        who(partner, req.mchid, req.appid, req.spMchid, req.subMchid, req.spAppid, req.subAppid, signerMchid, out);
        out.description = Fields.required("description", req.description, DESCRIPTION_MAX);
        out.outTradeNo = outTradeNo(req.outTradeNo);
        out.attach = Fields.optional("attach", req.attach, ATTACH_MAX);
        out.goodsTag = Fields.optional("goods_tag", req.goodsTag, GOODS_TAG_MAX);
    }

    /** The amount and the boolean options (fapiao, profit sharing). */
    private static void amountAndFlags(PrepayRequest req, Command out) {
        out.amountFen = amount(req.amount);
        if (Boolean.TRUE.equals(req.supportFapiao)) {
            out.flags |= Command.FLAG_SUPPORT_FAPIAO;
        }
        if (req.settleInfo != null && Boolean.TRUE.equals(req.settleInfo.profitSharing)) {
            out.flags |= Command.FLAG_PROFIT_SHARING;
        }
    }

    /** A pay code: 18 digits beginning with 10 to 15. */
    public static String authCode(String value) {
        Fields.digits("payer.auth_code", value, AUTH_CODE_DIGITS, AUTH_CODE_DIGITS);
        int prefix = (value.charAt(0) - '0') * 10 + (value.charAt(1) - '0');
        if (prefix < 10 || prefix > 15) {
            throw Fields.invalid("payer.auth_code", "must begin with 10 to 15");
        }
        return value;
    }

    /** {@code POST /v3/pay/transactions/out-trade-no/{out_trade_no}/reverse} with {@code {"appid","mchid"}}. */
    public void reverse(String outTradeNo, byte[] body, int offset, int length, String signerMchid, Command out) {
        reverse(false, outTradeNo, body, offset, length, signerMchid, out);
    }

    /** Reverse, direct or partner ({@code {"sp_mchid","sub_mchid","sp_appid","sub_appid"}}). */
    public void reverse(boolean partner, String outTradeNo, byte[] body, int offset, int length, String signerMchid,
                        Command out) {
        MchidRequest req = parse(body, offset, length, MchidRequest.class);
        out.type = CommandType.REVERSE_ORDER;
        who(partner, req.mchid, req.appid, req.spMchid, req.subMchid, req.spAppid, req.subAppid, signerMchid, out);
        out.outTradeNo = outTradeNo(outTradeNo);
    }

    /** {@code POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close} with {@code {"mchid"}}. */
    public void close(String outTradeNo, byte[] body, int offset, int length, String signerMchid, Command out) {
        close(false, outTradeNo, body, offset, length, signerMchid, out);
    }

    /** Close, direct or partner ({@code {"sp_mchid","sub_mchid"}}). */
    public void close(boolean partner, String outTradeNo, byte[] body, int offset, int length, String signerMchid,
                      Command out) {
        MchidRequest req = parse(body, offset, length, MchidRequest.class);
        out.type = CommandType.CLOSE_ORDER;
        if (partner) {
            parties(req.spMchid, req.subMchid, signerMchid, out);
        } else {
            out.mchid = signer("mchid", req.mchid, signerMchid);
        }
        out.outTradeNo = outTradeNo(outTradeNo);
    }

    /** {@code GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=}. */
    public void queryByOutTradeNo(String outTradeNo, String mchidParam, String signerMchid, Command out) {
        out.type = CommandType.QUERY_ORDER;
        out.mchid = signer("mchid", mchidParam, signerMchid);
        out.outTradeNo = outTradeNo(outTradeNo);
    }

    /** {@code GET /v3/pay/partner/transactions/out-trade-no/{out_trade_no}?sp_mchid=&sub_mchid=}. */
    public void partnerQueryByOutTradeNo(String outTradeNo, String spMchid, String subMchid, String signerMchid,
                                         Command out) {
        out.type = CommandType.QUERY_ORDER;
        parties(spMchid, subMchid, signerMchid, out);
        out.outTradeNo = outTradeNo(outTradeNo);
    }

    /** {@code GET /v3/pay/transactions/id/{transaction_id}?mchid=}. */
    public void queryByTransactionId(String transactionId, String mchidParam, String signerMchid, Command out) {
        out.type = CommandType.QUERY_ORDER;
        out.mchid = signer("mchid", mchidParam, signerMchid);
        out.transactionId = Fields.digits("transaction_id", transactionId, 1, TRANSACTION_ID_MAX);
    }

    /** {@code GET /v3/pay/partner/transactions/id/{transaction_id}?sp_mchid=&sub_mchid=}. */
    public void partnerQueryByTransactionId(String transactionId, String spMchid, String subMchid, String signerMchid,
                                            Command out) {
        out.type = CommandType.QUERY_ORDER;
        parties(spMchid, subMchid, signerMchid, out);
        out.transactionId = Fields.digits("transaction_id", transactionId, 1, TRANSACTION_ID_MAX);
    }

    /**
     * A partner request's parties: the service provider must be the signer (NO_AUTH otherwise); the
     * sub-merchant owns the order. Whether it is this provider's sub-merchant the matcher decides.
     */
    static void parties(String spMchid, String subMchid, String signerMchid, Command out) {
        out.spMchid = signer("sp_mchid", spMchid, signerMchid);
        out.mchid = Fields.token("sub_mchid", subMchid, 1, MCHID_MAX, "");
    }

    /**
     * Who a request is for and with which app: a direct request's {@code mchid} (the signer) and
     * {@code appid}; a partner request's parties and apps.
     */
    private static void who(boolean partner, String mchid, String appid, String spMchid, String subMchid, String spAppid,
                            String subAppid, String signerMchid, Command out) {
        if (partner) {
            parties(spMchid, subMchid, signerMchid, out);
            apps(spAppid, subAppid, out);
        } else {
            out.mchid = signer("mchid", mchid, signerMchid);
            out.appid = Fields.token("appid", appid, 1, APPID_MAX, "_");
        }
    }

    /** A partner request's apps: the provider's {@code sp_appid}, and the sub-merchant's own, if named. */
    private static void apps(String spAppid, String subAppid, Command out) {
        out.appid = Fields.token("sp_appid", spAppid, 1, APPID_MAX, "_");
        out.subAppid = subAppid == null ? null : Fields.token("sub_appid", subAppid, 1, APPID_MAX, "_");
    }

    static <T> T parse(byte[] body, int offset, int length, Class<T> type) {
        try {
            return Json.read(body, offset, length, type);
        } catch (JsonInputException e) {
            throw ApiError.paramError(e.getMessage()).reject();
        }
    }

    /** The mchid a request names must be the merchant that signed it. */
    static String signer(String field, String value, String signerMchid) {
        Fields.token(field, value, 1, MCHID_MAX, "");
        if (!value.equals(signerMchid)) {
            throw ApiError.noAuth("商户无权限: " + field + " 与请求签名的商户号不一致 (" + field
                    + " does not match the signing merchant)").reject();
        }
        return value;
    }

    static String outTradeNo(String value) {
        return Fields.token("out_trade_no", value, OUT_TRADE_NO_MIN, OUT_TRADE_NO_MAX, OUT_TRADE_NO_EXTRA);
    }

    /** A notify_url as the API requires it (http only in sandbox mode; production: the callback policy). */
    public String notifyUrl(String value) {
        int slot = value == null ? 0 : (value.hashCode() & 0x7FFFFFFF) % NOTIFY_URL_CACHE;
        if (value != null && value.equals(acceptedNotifyUrls.get(slot))) {
            return value;
        }
        checkNotifyUrl(value);
        acceptedNotifyUrls.lazySet(slot, value);
        return value;
    }

    private void checkNotifyUrl(String value) {
        Fields.required("notify_url", value, NOTIFY_URL_MAX);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw Fields.invalid("notify_url", "is not a valid URL");
        }
        String scheme = uri.getScheme();
        boolean https = "https".equalsIgnoreCase(scheme);
        boolean http = "http".equalsIgnoreCase(scheme);
        if (!https && !(http && allowPlainHttpNotifyUrl)) {
            throw Fields.invalid("notify_url", allowPlainHttpNotifyUrl ? "must be an http or https URL" : "must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw Fields.invalid("notify_url", "must name a host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw Fields.invalid("notify_url", "must not carry a query string or fragment");
        }
        if (uri.getRawUserInfo() != null) {
            throw Fields.invalid("notify_url", "must not carry user info");
        }
        try {
            callbacks.target(value); // port and, for an IP literal, the address (production)
        } catch (CallbackPolicy.Refused e) {
            throw ApiError.paramError("参数 notify_url 无效 (" + e.getMessage() + ")").reject();
        }
    }

    private static long timeExpire(String value, long nowMillis) {
        if (value == null) {
            return 0;
        }
        long millis;
        try {
            millis = Rfc3339.parseMillis(value);
        } catch (IllegalArgumentException e) {
            throw Fields.invalid("time_expire", "must be an RFC 3339 time such as 2018-06-08T10:34:56+08:00");
        }
        if (millis <= nowMillis) {
            throw Fields.invalid("time_expire", "must be in the future");
        }
        return millis;
    }

    static long amount(PrepayRequest.Amount amount) {
        if (amount == null) {
            throw Fields.missing("amount");
        }
        if (amount.total == null) {
            throw Fields.missing("amount.total");
        }
        if (amount.total <= 0 || amount.total > AMOUNT_FEN_MAX) {
            throw Fields.invalid("amount.total", "must be a positive integer number of fen up to " + AMOUNT_FEN_MAX);
        }
        if (amount.currency != null && !"CNY".equals(amount.currency)) {
            throw Fields.invalid("amount.currency", "must be CNY");
        }
        return amount.total;
    }

    private static void limitPay(List<String> limitPay) {
        if (limitPay == null) {
            return;
        }
        if (limitPay.size() > LIMIT_PAY.size()) {
            throw Fields.invalid("limit_pay", "has too many entries");
        }
        for (String v : limitPay) {
            if (v == null || !LIMIT_PAY.contains(v)) {
                throw Fields.invalid("limit_pay", "entries must be one of " + LIMIT_PAY);
            }
        }
    }

    static void detail(PrepayRequest.Detail detail) {
        if (detail == null) {
            return;
        }
        if (detail.costPrice != null && detail.costPrice < 0) {
            throw Fields.invalid("detail.cost_price", "must not be negative");
        }
        Fields.optional("detail.invoice_id", detail.invoiceId, 32);
        if (detail.goodsDetail == null) {
            return;
        }
        if (detail.goodsDetail.size() > GOODS_DETAIL_MAX) {
            throw Fields.invalid("detail.goods_detail", "has more than " + GOODS_DETAIL_MAX + " entries");
        }
        for (PrepayRequest.GoodsDetail g : detail.goodsDetail) {
            if (g == null) {
                throw Fields.invalid("detail.goods_detail", "must not contain null");
            }
            Fields.required("detail.goods_detail.merchant_goods_id", g.merchantGoodsId, 32);
            Fields.optional("detail.goods_detail.goods_name", g.goodsName, 256);
            if (g.quantity == null || g.quantity <= 0) {
                throw Fields.invalid("detail.goods_detail.quantity", "must be a positive integer");
            }
            if (g.unitPrice == null || g.unitPrice < 0) {
                throw Fields.invalid("detail.goods_detail.unit_price", "must be a non-negative integer number of fen");
            }
        }
    }

    private static void sceneInfo(TradeType tradeType, PrepayRequest.SceneInfo scene, Command out) {
        if (scene == null) {
            if (tradeType == TradeType.MWEB) {
                throw Fields.missing("scene_info");
            }
            return;
        }
        out.deviceId = Fields.optional("scene_info.device_id", scene.deviceId, DEVICE_ID_MAX);
        out.payerClientIp = Fields.optional("scene_info.payer_client_ip", scene.payerClientIp, CLIENT_IP_MAX);
        if (scene.storeInfo != null) {
            out.storeId = Fields.required("scene_info.store_info.id", scene.storeInfo.id, STORE_ID_MAX);
            Fields.optional("scene_info.store_info.name", scene.storeInfo.name, 256);
            Fields.optional("scene_info.store_info.area_code", scene.storeInfo.areaCode, 32);
            Fields.optional("scene_info.store_info.address", scene.storeInfo.address, 512);
        }
        if (tradeType == TradeType.MWEB) {
            if (out.payerClientIp == null) {
                throw Fields.missing("scene_info.payer_client_ip");
            }
            if (scene.h5Info == null) {
                throw Fields.missing("scene_info.h5_info");
            }
            String type = Fields.required("scene_info.h5_info.type", scene.h5Info.type, 32);
            if (!H5_TYPES.contains(type)) {
                throw Fields.invalid("scene_info.h5_info.type", "must be one of " + H5_TYPES);
            }
        }
    }
}
