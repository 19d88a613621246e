package io.paygate.gateway.acceptor;

import io.netty.handler.codec.http.HttpMethod;

/** Every API-port endpoint, with its method and the label it has in metrics. */
public enum Endpoint {
    NATIVE_PREPAY(HttpMethod.POST, "native", true),
    JSAPI_PREPAY(HttpMethod.POST, "jsapi", true),
    APP_PREPAY(HttpMethod.POST, "app", true),
    H5_PREPAY(HttpMethod.POST, "h5", true),
    QUERY_BY_OUT_TRADE_NO(HttpMethod.GET, "query_out_trade_no", true),
    QUERY_BY_TRANSACTION_ID(HttpMethod.GET, "query_transaction_id", true),
    CLOSE(HttpMethod.POST, "close", true),
    CERTIFICATES(HttpMethod.GET, "certificates", true);

    private final HttpMethod method;
    private final String label;
    private final boolean signed;

    Endpoint(HttpMethod method, String label, boolean signed) {
        this.method = method;
        this.label = label;
        this.signed = signed;
    }

    public HttpMethod method() {
        return method;
    }

    /** The {@code endpoint} label of request metrics. */
    public String label() {
        return label;
    }

    /** Whether the merchant's APIv3 signature is required (everything but the sandbox). */
    public boolean signed() {
        return signed;
    }
}
