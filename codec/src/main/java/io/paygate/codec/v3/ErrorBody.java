package io.paygate.codec.v3;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Every non-2xx body: {@code {"code","message"}} and, for parameter errors, an optional
 * {@code detail}. {@code message} is always present: WxJava dereferences it unconditionally.
 */
@JsonPropertyOrder({"code", "message", "detail"})
public record ErrorBody(String code, String message, Detail detail) {

    public ErrorBody(String code, String message) {
        this(code, message, null);
    }

    /** {@code detail}: where the problem is. */
    @JsonPropertyOrder({"field", "value", "issue", "location"})
    public record Detail(String field, String value, String issue, String location) {
    }
}
