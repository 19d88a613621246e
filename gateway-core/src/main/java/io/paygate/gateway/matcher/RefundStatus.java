package io.paygate.gateway.matcher;

/** {@code status} of a refund (WeChat Pay's names). */
public enum RefundStatus {
    PROCESSING,
    SUCCESS,
    CLOSED,
    ABNORMAL
}
