package io.paygate.gateway.respond;

import io.paygate.codec.Rfc3339;
import io.paygate.codec.command.TradeType;
import io.paygate.codec.command.Command;
import io.paygate.codec.v3.PrepayResponses;
import io.paygate.codec.v3.RefundResponse;
import io.paygate.codec.v3.ReverseResponse;
import io.paygate.codec.v3.Sandbox;
import io.paygate.codec.v3.Transaction;
import io.paygate.gateway.matcher.MatchResult;
import io.paygate.gateway.matcher.Order;
import io.paygate.gateway.matcher.Refund;
import io.paygate.gateway.matcher.RefundStatus;
import io.paygate.gateway.matcher.ResultCode;
import io.paygate.gateway.matcher.TradeState;
import java.util.List;

/**
 * Builds the wire model of a result. Runs on the respond thread and copies everything it needs out
 * of the slot, so the event loop never reads a slot the ring may already be reusing.
 */
public final class Replies {

    /** What kind of answer an endpoint gives on success. */
    public enum Shape { PREPAY, TRANSACTION, NO_CONTENT, CODEPAY, REVERSE, REFUND, PAYER, AUTH_CODE }

    /** Scheme and path of the Native QR link; the token follows {@code pr=}. */
    public static final String CODE_URL_PREFIX = "weixin://wxpay/bizpayurl?pr=";
    /** Where H5 payers are sent; the prepay id follows. */
    public static final String H5_URL_PREFIX = "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=";

    private Replies() {
    }

    /** The reply for {@code result} of {@code command}, or the error its code maps to. */
    public static Reply of(Shape shape, Command command, MatchResult result) {
        if (result.code != ResultCode.OK && result.code != ResultCode.OK_REPEATED) {
            return Reply.error(ErrorCatalog.of(result.code));
        }
        return switch (shape) {
            case PREPAY -> Reply.ok(prepay(result.order));
            case TRANSACTION -> Reply.ok(transaction(result.order));
            case NO_CONTENT -> Reply.noContent();
            case CODEPAY -> Reply.status(result.order.state == TradeState.USERPAYING ? 202 : 200,
                    transaction(result.order));
            case REVERSE -> Reply.ok(reverse(result.order));
            case REFUND -> Reply.ok(refund(result.refund));
            case PAYER -> Reply.ok(new Sandbox.PayerView(result.openid, result.balanceFen, result.payerStatus.name()));
            case AUTH_CODE -> Reply.ok(new Sandbox.AuthCodeView(result.authCode,
                    Math.max(0, (result.expiresAtMillis - command.acceptedAtMillis) / 1000)));
        };
    }

    private static ReverseResponse reverse(Order o) {
        return o.spMchid == null ? new ReverseResponse(o.appid, o.mchid, null, null, null, null, o.outTradeNo)
                : new ReverseResponse(null, null, o.appid, o.spMchid, o.subAppid, o.mchid, o.outTradeNo);
    }

    /** The Refund object. Paygate refunds go back to the payer's wallet (ORIGINAL channel). */
    public static RefundResponse refund(Refund r) {
        return new RefundResponse(r.refundId, r.outRefundNo, r.transactionId, r.outTradeNo, "ORIGINAL", "支付用户零钱",
                r.status == RefundStatus.SUCCESS ? Rfc3339.format(r.successTimeMillis) : null,
                Rfc3339.format(r.createdAtMillis), r.status.name(), "AVAILABLE",
                new RefundResponse.Amount(r.orderTotalFen, r.refundFen, List.of(), r.orderTotalFen, r.refundFen,
                        r.refundFen, r.orderTotalFen, 0, "CNY", r.feeRefundFen),
                List.of());
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

    /**
     * The Transaction object of an order, as queries return it; a partner order (placed through a
     * service provider) has the partner shape: sp_appid, sp_mchid, sub_appid, sub_mchid, and a payer
     * named by sp_openid or sub_openid.
     */
    public static Transaction transaction(Order o) {
        Transaction t = new Transaction();
        boolean partner = o.spMchid != null;
        if (partner) {
            t.spAppid = o.appid;
            t.spMchid = o.spMchid;
            t.subAppid = o.subAppid;
            t.subMchid = o.mchid;
        } else {
            t.appid = o.appid;
            t.mchid = o.mchid;
        }
        t.outTradeNo = o.outTradeNo;
        t.tradeType = o.tradeType.name();
        t.tradeState = o.state.name();
        t.tradeStateDesc = stateDescription(o.state, o.tradeType);
        t.attach = o.attach;
        boolean paid = o.transactionId != null;
        if (o.payerOpenid != null) {
            if (!partner) {
                t.payer = new Transaction.Payer(o.payerOpenid);
            } else if (o.hasFlag(Command.FLAG_SUB_OPENID)) {
                t.payer = new Transaction.Payer(null, null, o.payerOpenid);
            } else {
                t.payer = new Transaction.Payer(null, o.payerOpenid, null);
            }
        }
        if (paid) {
            t.transactionId = o.transactionId;
            t.bankType = "OTHERS";
            t.successTime = Rfc3339.format(o.successTimeMillis);
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
