package io.paygate.gateway.acceptor;

import io.netty.handler.codec.http.HttpMethod;
import io.paygate.gateway.respond.ApiError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Maps method and path to an {@link Endpoint}. Unknown paths are 404 (so are sandbox paths outside
 * sandbox mode), a known path with the wrong method 405; path parameters are percent-decoded once
 * ({@code |} may arrive as {@code %7C}).
 */
public final class Router {

    private static final String TX = "/v3/pay/transactions/";
    /** The service-provider twins of the payment endpoints. */
    private static final String PARTNER_TX = "/v3/pay/partner/transactions/";
    private static final String OUT_TRADE_NO = TX + "out-trade-no/";
    private static final String BY_ID = TX + "id/";
    private static final String REFUNDS = "/v3/refund/domestic/refunds";
    private static final String PAYERS = "/sandbox/v1/payers";

    private final boolean sandbox;

    Router(boolean sandbox) {
        this.sandbox = sandbox;
    }

    /** The route of a request path (no query), or a rejection. */
    Route route(HttpMethod method, String rawPath) {
        Route r = match(rawPath);
        if (r == null || (r.endpoint().sandbox() && !sandbox)) {
            throw ApiError.notFound("接口不存在 (no such endpoint: " + truncate(rawPath) + ")").reject();
        }
        if (!r.endpoint().method().equals(method)) {
            throw ApiError.methodNotAllowed("请求方法错误 (" + r.endpoint().label() + " requires "
                    + r.endpoint().method() + ")").reject();
        }
        return r;
    }

    private static Route match(String path) {
        if (path.startsWith(PARTNER_TX)) {
            Route direct = matchPayment(TX + path.substring(PARTNER_TX.length()));
            return direct == null ? null : new Route(direct.endpoint(), direct.pathParam(), true);
        }
        Route payment = matchPayment(path);
        if (payment != null) {
            return payment;
        }
        if (path.startsWith(REFUNDS + "/")) {
            return param(Endpoint.REFUND_QUERY, path.substring(REFUNDS.length() + 1));
        }
        if (path.startsWith(PAYERS + "/")) {
            String rest = path.substring(PAYERS.length() + 1);
            if (rest.endsWith("/auth-codes")) {
                return param(Endpoint.SANDBOX_AUTH_CODE, rest.substring(0, rest.length() - "/auth-codes".length()));
            }
            if (rest.endsWith("/status")) {
                return param(Endpoint.SANDBOX_PAYER_STATUS, rest.substring(0, rest.length() - "/status".length()));
            }
            if (rest.endsWith("/confirm")) {
                return param(Endpoint.SANDBOX_CONFIRM, rest.substring(0, rest.length() - "/confirm".length()));
            }
            return param(Endpoint.SANDBOX_QUERY_PAYER, rest);
        }
        return switch (path) {
            case REFUNDS -> new Route(Endpoint.REFUND_CREATE, null);
            case "/v3/certificates" -> new Route(Endpoint.CERTIFICATES, null);
            case PAYERS -> new Route(Endpoint.SANDBOX_CREATE_PAYER, null);
            case "/sandbox/v1/payments" -> new Route(Endpoint.SANDBOX_PAY, null);
            default -> null;
        };
    }

    /** The payment endpoints under {@code /v3/pay/transactions/} (the partner ones map onto them). */
    private static Route matchPayment(String path) {
        if (path.startsWith(OUT_TRADE_NO)) {
            String rest = path.substring(OUT_TRADE_NO.length());
            if (rest.endsWith("/close")) {
                return param(Endpoint.CLOSE, rest.substring(0, rest.length() - "/close".length()));
            }
            if (rest.endsWith("/reverse")) {
                return param(Endpoint.REVERSE, rest.substring(0, rest.length() - "/reverse".length()));
            }
            return param(Endpoint.QUERY_BY_OUT_TRADE_NO, rest);
        }
        if (path.startsWith(BY_ID)) {
            return param(Endpoint.QUERY_BY_TRANSACTION_ID, path.substring(BY_ID.length()));
        }
        return switch (path) {
            case TX + "native" -> new Route(Endpoint.NATIVE_PREPAY, null);
            case TX + "jsapi" -> new Route(Endpoint.JSAPI_PREPAY, null);
            case TX + "app" -> new Route(Endpoint.APP_PREPAY, null);
            case TX + "h5" -> new Route(Endpoint.H5_PREPAY, null);
            case TX + "codepay" -> new Route(Endpoint.CODEPAY, null);
            default -> null;
        };
    }

    private static Route param(Endpoint endpoint, String raw) {
        if (raw.isEmpty() || raw.indexOf('/') >= 0) {
            return null;
        }
        return new Route(endpoint, decodePathSegment(raw));
    }

    /**
     * Percent-decodes one path segment as UTF-8. Unlike a query string, {@code +} is a literal
     * plus in a path. Bad escapes or bytes that are not UTF-8 are a parameter error.
     */
    static String decodePathSegment(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        byte[] bytes = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw badEncoding();
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else {
                throw badEncoding();
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw badEncoding();
        }
    }

    private static ApiError.RejectedRequest badEncoding() {
        return ApiError.paramError("路径参数编码错误 (bad percent-encoding in the path)").reject();
    }

    static String truncate(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
