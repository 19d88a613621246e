package io.paygate.gateway.respond;

import io.paygate.gateway.matcher.Merchant;
import io.paygate.gateway.matcher.ResultCode;

/**
 * The HTTP status, WeChat Pay code and message for each business outcome that is not a success.
 * Codes and statuses follow reference §1.6 where it names them; where the reference is silent (the
 * sandbox's payer-side errors, pay-code errors, some refund rules) the choice is documented in the
 * README's error table.
 */
public final class ErrorCatalog {
    private ErrorCatalog() {
    }

    /** The error for a non-success result code. */
    public static ApiError of(ResultCode code) {
        return switch (code) {
            case MCH_NOT_EXISTS -> new ApiError(400, "MCH_NOT_EXISTS", "商户号不存在");
            case NOTIFY_URL_MISSING -> new ApiError(400, "PARAM_ERROR",
                    "缺少参数 notify_url (notify_url is required: the sub-merchant has no notify default)");
            case KEY_EXISTS -> new ApiError(400, "PARAM_ERROR", "商户API证书序列号已存在 (the merchant already has a key with this serial)");
            case KEY_LIMIT -> new ApiError(403, "RULE_LIMIT", "商户API密钥数量已达上限 (the merchant has " + Merchant.KEYS_MAX + " keys)");
            case NO_AUTH -> new ApiError(403, "NO_AUTH", "商户无权限 (the service provider may act only for its own sub-merchants)");
            case APPID_MCHID_NOT_MATCH -> new ApiError(400, "APPID_MCHID_NOT_MATCH", "AppID和mch_id不匹配");
            case OUT_TRADE_NO_USED -> new ApiError(403, "OUT_TRADE_NO_USED", "商户订单号重复");
            case ORDER_NOT_EXIST -> new ApiError(404, "ORDER_NOT_EXIST", "订单不存在");
            case ORDER_CLOSED -> new ApiError(400, "ORDER_CLOSED", "订单已关闭");
            case ORDER_PAID -> new ApiError(403, "TRADE_ERROR", "订单已支付，不能关闭 (order is paid)");
            case ALREADY_PAID -> new ApiError(403, "ORDER_PAID", "订单已支付 (order is already paid)");
            case ORDER_NOT_CLOSABLE -> new ApiError(403, "TRADE_ERROR",
                    "付款码订单不能关闭，请调用撤销订单 (codepay orders are reversed, not closed)");
            case ORDER_NOT_REVERSIBLE -> new ApiError(403, "TRADE_ERROR",
                    "只能撤销未退款的付款码订单 (only codepay orders without refunds can be reversed)");
            case ORDER_REVOKED -> new ApiError(400, "ORDER_REVERSED", "订单已撤销 (order is revoked)");
            case ORDER_NOT_USERPAYING -> new ApiError(403, "TRADE_ERROR",
                    "订单不在等待用户输入密码的状态 (order is not waiting for the payer's password)");
            case TOKEN_COLLISION -> ApiError.systemError("系统异常，请稍后重试 (token collision, retry)");
            case MERCHANT_EXISTS -> new ApiError(409, "MERCHANT_EXISTS", "商户已存在 (merchant already provisioned)");
            case PAYER_NOT_EXIST -> new ApiError(404, "USER_NOT_EXIST", "付款用户不存在 (no such payer)");
            case FUNDING_EXHAUSTED -> new ApiError(403, "RULE_LIMIT", "沙箱资金已用尽 (sandbox funding exhausted)");
            case PAYER_ACCOUNT_ERROR -> new ApiError(403, "ACCOUNT_ERROR", "账号异常 (the payer's wallet is frozen or closed)");
            case PAYER_NOT_ENOUGH -> new ApiError(403, "NOT_ENOUGH", "用户余额不足 (payer balance is insufficient)");
            case BUYER_MISMATCH -> new ApiError(403, "BUYER_MISMATCH", "支付帐号错误 (the order belongs to another payer)");
            case AUTH_CODE_INVALID -> new ApiError(400, "AUTH_CODE_INVALID",
                    "付款码无效或已使用，请刷新后重新扫码 (unknown or already used auth_code)");
            case AUTH_CODE_EXPIRED -> new ApiError(400, "AUTH_CODE_EXPIRE",
                    "付款码已过期，请用户刷新后重新扫码 (auth_code expired)");
            case ORDER_NOT_PAID -> new ApiError(400, "INVALID_REQUEST", "订单未支付，不能退款 (order is not paid)");
            case REFUND_TOTAL_MISMATCH -> new ApiError(400, "PARAM_ERROR",
                    "amount.total与原订单金额不一致 (amount.total differs from the order total)");
            case REFUND_EXCEEDS_PAID -> new ApiError(400, "INVALID_REQUEST",
                    "退款金额超过订单可退金额 (refunds would exceed the paid amount)");
            case REFUND_LIMIT -> new ApiError(403, "RULE_LIMIT", "订单退款次数已达上限50次 (at most 50 refunds per order)");
            case MERCHANT_NOT_ENOUGH -> new ApiError(403, "NOT_ENOUGH", "基本账户余额不足，请充值后重新发起");
            case OUT_REFUND_NO_USED -> new ApiError(400, "INVALID_REQUEST",
                    "商户退款单号重复且请求参数不一致 (out_refund_no reused with different parameters)");
            case REFUND_NOT_EXIST -> new ApiError(404, "RESOURCE_NOT_EXISTS", "退款单不存在");
            case HALTED -> ApiError.unavailable("服务暂不可用，请稍后重试 (intake halted)");
            case OK, OK_REPEATED -> throw new IllegalArgumentException("not an error: " + code);
        };
    }
}
