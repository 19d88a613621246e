package io.paygate.gateway.respond;

/**
 * An answer ready to encode: a status and either a response model (2xx; null for 204) or an
 * {@link ApiError}. Built on the respond thread, encoded and signed on the event loop.
 */
public record Reply(int status, Object body, ApiError error) {

    public static Reply ok(Object body) {
        return new Reply(200, body, null);
    }

    public static Reply status(int status, Object body) {
        return new Reply(status, body, null);
    }

    public static Reply noContent() {
        return new Reply(204, null, null);
    }

    public static Reply error(ApiError error) {
        return new Reply(error.status(), null, error);
    }

    public boolean isError() {
        return error != null;
    }
}
