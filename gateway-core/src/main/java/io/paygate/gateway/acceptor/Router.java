package io.paygate.gateway.acceptor;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.paygate.gateway.respond.ApiError;

/**
 * Maps method and path to an {@link Endpoint}. Unknown paths are 404, a known path with the wrong
 * method 405; path parameters are percent-decoded once ({@code |} may arrive as {@code %7C}).
 */
final class Router {

    private static final String TX = "/v3/pay/transactions/";
    private static final String OUT_TRADE_NO = TX + "out-trade-no/";
    private static final String BY_ID = TX + "id/";

    private Router() {
    }

    /** The route of a request path (no query), or a rejection. */
    static Route route(HttpMethod method, String rawPath) {
        Route r = match(rawPath);
        if (r == null) {
            throw ApiError.notFound("接口不存在 (no such endpoint: " + truncate(rawPath) + ")").reject();
        }
        if (!r.endpoint().method().equals(method)) {
            throw ApiError.methodNotAllowed("请求方法错误 (" + r.endpoint().label() + " requires "
                    + r.endpoint().method() + ")").reject();
        }
        return r;
    }

    private static Route match(String path) {
        if (path.startsWith(OUT_TRADE_NO)) {
            String rest = path.substring(OUT_TRADE_NO.length());
            if (rest.endsWith("/close")) {
                return param(Endpoint.CLOSE, rest.substring(0, rest.length() - "/close".length()));
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
            case "/v3/certificates" -> new Route(Endpoint.CERTIFICATES, null);
            default -> null;
        };
    }

    private static Route param(Endpoint endpoint, String raw) {
        if (raw.isEmpty() || raw.indexOf('/') >= 0) {
            return null;
        }
        String decoded;
        try {
            decoded = QueryStringDecoder.decodeComponent(raw);
        } catch (IllegalArgumentException e) {
            throw ApiError.paramError("路径参数编码错误 (bad percent-encoding in the path)").reject();
        }
        return new Route(endpoint, decoded);
    }

    static String truncate(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
