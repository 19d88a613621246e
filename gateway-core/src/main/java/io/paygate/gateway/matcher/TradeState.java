package io.paygate.gateway.matcher;

/** {@code trade_state} of an order (WeChat Pay's names). */
public enum TradeState {
    NOTPAY,
    USERPAYING,
    SUCCESS,
    REFUND,
    CLOSED,
    REVOKED,
    PAYERROR
}
