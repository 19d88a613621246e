package io.paygate.gateway.respond;

/**
 * A non-2xx answer: HTTP status, WeChat Pay error code and a message for humans. Every one goes out
 * as {@code {"code","message"}} JSON; none is signed (the SDKs check signatures on 2xx only).
 */
public record ApiError(int status, String code, String message) {

    public static ApiError paramError(String message) {
        return new ApiError(400, "PARAM_ERROR", message);
    }

    public static ApiError invalidRequest(String message) {
        return new ApiError(400, "INVALID_REQUEST", message);
    }

    public static ApiError signError(String message) {
        return new ApiError(401, "SIGN_ERROR", message);
    }

    public static ApiError noAuth(String message) {
        return new ApiError(403, "NO_AUTH", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "NOT_FOUND", message);
    }

    public static ApiError methodNotAllowed(String message) {
        return new ApiError(405, "INVALID_REQUEST", message);
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, "INVALID_REQUEST", message);
    }

    public static ApiError headersTooLarge(String message) {
        return new ApiError(431, "INVALID_REQUEST", message);
    }

    public static ApiError frequencyLimited(String message) {
        return new ApiError(429, "FREQUENCY_LIMITED", message);
    }

    public static ApiError systemError(String message) {
        return new ApiError(500, "SYSTEM_ERROR", message);
    }

    public static ApiError unavailable(String message) {
        return new ApiError(503, "SERVICE_UNAVAILABLE", message);
    }

    /** Thrown by the decode and verify stages; the acceptor turns it into the response. */
    public RejectedRequest reject() {
        return new RejectedRequest(this);
    }

    /** An {@link ApiError} on its way to the client. Stackless: rejections are not bugs. */
    public static final class RejectedRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ApiError error;

        RejectedRequest(ApiError error) {
            super(error.code() + ": " + error.message(), null, false, false);
            this.error = error;
        }

        public ApiError error() {
            return error;
        }
    }
}
