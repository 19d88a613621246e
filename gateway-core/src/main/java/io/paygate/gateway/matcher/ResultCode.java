package io.paygate.gateway.matcher;

/**
 * Every business outcome the matcher can decide. How each maps to an HTTP status and a WeChat Pay
 * error code is the respond stage's business, not the matcher's. A known "no" (NOT_ENOUGH) is kept
 * apart from "not yet" (an OK whose order is USERPAYING).
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
    /** The order is closed (or lapsed unpaid). */
    ORDER_CLOSED,
    /** The order is paid, so it cannot be closed. */
    ORDER_PAID,
    /** The order is paid already: it cannot be paid again. */
    ALREADY_PAID,
    /** Codepay orders are reversed, not closed; other states cannot be closed either. */
    ORDER_NOT_CLOSABLE,
    /** Only codepay orders that are not refunded can be reversed. */
    ORDER_NOT_REVERSIBLE,
    /** The order is revoked. */
    ORDER_REVOKED,
    /** Confirm on an order that does not wait for a password. */
    ORDER_NOT_USERPAYING,
    /** The acceptor drew a token (code_url, prepay_id, openid, auth code) that is taken: retry. */
    TOKEN_COLLISION,
    /** The mchid is already provisioned (names and serials need not be unique). */
    MERCHANT_EXISTS,

    /** No such sandbox payer. */
    PAYER_NOT_EXIST,
    /** The sandbox funding source cannot give out more (its balance would overflow). */
    FUNDING_EXHAUSTED,
    /** The payer's wallet is frozen or closed. */
    PAYER_ACCOUNT_ERROR,
    /** The payer's balance does not cover the payment. */
    PAYER_NOT_ENOUGH,
    /** A JSAPI order (or a USERPAYING codepay) belongs to another payer. */
    BUYER_MISMATCH,
    /** No such pay code, or it was used already. */
    AUTH_CODE_INVALID,
    /** The pay code lapsed. */
    AUTH_CODE_EXPIRED,

    /** Refund of an order that is not paid. */
    ORDER_NOT_PAID,
    /** The refund request's amount.total differs from the order's total. */
    REFUND_TOTAL_MISMATCH,
    /** The refunds of an order would exceed what was paid. */
    REFUND_EXCEEDS_PAID,
    /** An order can have at most {@link Matcher#REFUNDS_PER_ORDER_MAX} refunds. */
    REFUND_LIMIT,
    /** The merchant's balance does not cover the refund. */
    MERCHANT_NOT_ENOUGH,
    /** out_refund_no exists with different terms. */
    OUT_REFUND_NO_USED,
    /** No such refund for this merchant. */
    REFUND_NOT_EXIST,
    /**
     * A service provider acting for a merchant that is not its sub-merchant, a merchant that is not a
     * service provider acting as one, or a provider named with the wrong appid.
     */
    NO_AUTH,
    /** A partner order named no notify_url and its sub-merchant has no notify default. */
    NOTIFY_URL_MISSING,
    /** The merchant already has an API key with this serial. */
    KEY_EXISTS,
    /** The merchant has as many API keys as it may. */
    KEY_LIMIT,

    /** Intake is halted (fail-stop): nothing was applied. */
    HALTED
}
