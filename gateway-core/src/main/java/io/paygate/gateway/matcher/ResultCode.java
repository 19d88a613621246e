package io.paygate.gateway.matcher;

/**
 * Every business outcome the matcher can decide. How each maps to an HTTP status and a WeChat Pay
 * error code is the respond stage's business, not the matcher's.
 */
public enum ResultCode {
    /** Done. */
    OK,
    /** The same request was already done: the original result is returned. */
    OK_REPEATED,

    /** The merchant is not provisioned. */
    MCH_NOT_EXISTS,
    /** The appid does not belong to the merchant. */
    APPID_MCHID_NOT_MATCH,
    /** out_trade_no exists with different terms. */
    OUT_TRADE_NO_USED,
    /** No such order for this merchant. */
    ORDER_NOT_EXIST,
    /** The order is closed. */
    ORDER_CLOSED,
    /** The order is already paid, so it cannot be closed. */
    ORDER_PAID,
    /** Codepay orders are reversed, not closed. */
    ORDER_NOT_CLOSABLE,
    /** The acceptor drew a token (code_url, prepay_id) that is already taken: retry. */
    TOKEN_COLLISION,
    /** The merchant name or serial is already provisioned. */
    MERCHANT_EXISTS,

    /** Intake is halted (fail-stop): nothing was applied. */
    HALTED
}
