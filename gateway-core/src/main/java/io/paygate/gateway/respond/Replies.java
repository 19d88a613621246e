package io.paygate.gateway.respond;

import io.paygate.codec.Rfc3339;
import io.paygate.codec.command.TradeType;
import io.paygate.codec.v3.PrepayResponses;
import io.paygate.codec.v3.Transaction;
import io.paygate.gateway.matcher.MatchResult;
import io.paygate.gateway.matcher.Order;
import io.paygate.gateway.matcher.ResultCode;
import io.paygate.gateway.matcher.TradeState;

/**
 * Builds the wire model of a result. Runs on the respond thread and copies everything it needs out
 * of the slot, so the event loop never reads a slot the ring may already be reusing.
 */
public final class Replies {

    /** What kind of answer an endpoint gives on success. */
    public enum Shape { PREPAY, TRANSACTION, NO_CONTENT }

    /** Scheme and path of the Native QR link; the token follows {@code pr=}. */
    public static final String CODE_URL_PREFIX = "weixin://wxpay/bizpayurl?pr=";
    /** Where H5 payers are sent; the prepay id follows. */
    public static final String H5_URL_PREFIX = "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=";

    private Replies() {
    }

    /** The reply for {@code result}, or the error its code maps to. */
    public static Reply of(Shape shape, MatchResult result) {
        if (result.code != ResultCode.OK && result.code != ResultCode.OK_REPEATED) {
            return Reply.error(ErrorCatalog.of(result.code));
        }
        return switch (shape) {
            case PREPAY -> Reply.ok(prepay(result.order));
            case TRANSACTION -> Reply.ok(transaction(result.order));
            case NO_CONTENT -> Reply.noContent();
        };
    }

    static Object prepay(Order o) {
        return switch (o.tradeType) {
            case NATIVE -> new PrepayResponses.CodeUrl(CODE_URL_PREFIX + o.token);
            case JSAPI, APP -> new PrepayResponses.PrepayId(o.token);
            case MWEB -> new PrepayResponses.H5Url(H5_URL_PREFIX + o.token + "&package="
                    + Integer.toUnsignedString(o.token.hashCode()));
            case MICROPAY -> throw new IllegalArgumentException("codepay has no prepay result");
        };
    }

    /** The Transaction object of an order, as queries return it. */
    public static Transaction transaction(Order o) {
        Transaction t = new Transaction();
        t.appid = o.appid;
        t.mchid = o.mchid;
        t.outTradeNo = o.outTradeNo;
        t.tradeType = o.tradeType.name();
        t.tradeState = o.state.name();
        t.tradeStateDesc = stateDescription(o.state, o.tradeType);
        t.attach = o.attach;
        boolean paid = o.transactionId != null;
        if (paid) {
            t.transactionId = o.transactionId;
            t.bankType = "OTHERS";
            t.successTime = Rfc3339.format(o.successTimeMillis);
            t.payer = new Transaction.Payer(o.payerOpenid);
        }
        t.amount = new Transaction.Amount(o.totalFen, paid ? o.payerTotalFen : null, "CNY", "CNY");
        if (o.deviceId != null) {
            t.sceneInfo = new Transaction.SceneInfo(o.deviceId);
        }
        return t;
    }

    /** {@code trade_state_desc} as WeChat Pay words it. */
    public static String stateDescription(TradeState state, TradeType tradeType) {
        return switch (state) {
            case NOTPAY -> "订单未支付";
            case USERPAYING -> "需要用户输入支付密码";
            case SUCCESS -> "支付成功";
            case REFUND -> "转入退款";
            case CLOSED -> "订单已关闭";
            case REVOKED -> tradeType == TradeType.MICROPAY ? "已撤销（付款码支付）" : "已撤销";
            case PAYERROR -> "支付失败，请重新下单支付";
        };
    }
}
