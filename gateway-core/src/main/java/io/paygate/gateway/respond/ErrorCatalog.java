package io.paygate.gateway.respond;

import io.paygate.gateway.matcher.ResultCode;

/** The HTTP status, WeChat Pay code and message for each business outcome that is not a success. */
public final class ErrorCatalog {
    private ErrorCatalog() {
    }

    /** The error for a non-success result code. */
    public static ApiError of(ResultCode code) {
        return switch (code) {
            case MCH_NOT_EXISTS -> new ApiError(400, "MCH_NOT_EXISTS", "商户号不存在");
            case APPID_MCHID_NOT_MATCH -> new ApiError(400, "APPID_MCHID_NOT_MATCH", "AppID和mch_id不匹配");
            case OUT_TRADE_NO_USED -> new ApiError(403, "OUT_TRADE_NO_USED", "商户订单号重复");
            case ORDER_NOT_EXIST -> new ApiError(404, "ORDER_NOT_EXIST", "订单不存在");
            case ORDER_CLOSED -> new ApiError(400, "ORDER_CLOSED", "订单已关闭");
            case ORDER_PAID -> new ApiError(403, "TRADE_ERROR", "订单已支付，不能关闭 (order is paid)");
            case ORDER_NOT_CLOSABLE -> new ApiError(403, "TRADE_ERROR",
                    "付款码订单不能关闭，请调用撤销订单 (codepay orders are reversed, not closed)");
            case TOKEN_COLLISION -> ApiError.systemError("系统异常，请稍后重试 (token collision, retry)");
            case MERCHANT_EXISTS -> new ApiError(409, "MERCHANT_EXISTS", "商户已存在 (merchant already provisioned)");
            case HALTED -> ApiError.unavailable("服务暂不可用，请稍后重试 (intake halted)");
            case OK, OK_REPEATED -> throw new IllegalArgumentException("not an error: " + code);
        };
    }
}
