package io.paygate.gateway.matcher;

/** What a merchant is notified of, with WeChat Pay's event type, resource type and summary. */
public enum EventType {
    TRANSACTION_SUCCESS("TRANSACTION.SUCCESS", "transaction", "支付成功"),
    REFUND_SUCCESS("REFUND.SUCCESS", "refund", "退款成功"),
    REFUND_ABNORMAL("REFUND.ABNORMAL", "refund", "退款异常"),
    REFUND_CLOSED("REFUND.CLOSED", "refund", "退款关闭");

    private final String wireName;
    private final String resourceType;
    private final String summary;

    EventType(String wireName, String resourceType, String summary) {
        this.wireName = wireName;
        this.resourceType = resourceType;
        this.summary = summary;
    }

    /** {@code event_type}. */
    public String wireName() {
        return wireName;
    }

    /** {@code resource.original_type} and the AEAD associated data. */
    public String resourceType() {
        return resourceType;
    }

    /** {@code summary}. */
    public String summary() {
        return summary;
    }
}
