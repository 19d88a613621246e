package io.paygate.gateway.acceptor;

import io.netty.handler.codec.http.HttpMethod;
import io.paygate.gateway.respond.Replies.Shape;

/**
 * Every API-port endpoint: its method, the label it has in metrics, the shape of its success
 * answer, and whether it is a WeChat Pay endpoint (merchant-signed request, signed response) or the
 * sandbox's payer side (unsigned, sandbox mode only).
 */
public enum Endpoint {
    NATIVE_PREPAY(HttpMethod.POST, "native", Shape.PREPAY, false),
    JSAPI_PREPAY(HttpMethod.POST, "jsapi", Shape.PREPAY, false),
    APP_PREPAY(HttpMethod.POST, "app", Shape.PREPAY, false),
    H5_PREPAY(HttpMethod.POST, "h5", Shape.PREPAY, false),
    CODEPAY(HttpMethod.POST, "codepay", Shape.CODEPAY, false),
    QUERY_BY_OUT_TRADE_NO(HttpMethod.GET, "query_out_trade_no", Shape.TRANSACTION, false),
    QUERY_BY_TRANSACTION_ID(HttpMethod.GET, "query_transaction_id", Shape.TRANSACTION, false),
    CLOSE(HttpMethod.POST, "close", Shape.NO_CONTENT, false),
    REVERSE(HttpMethod.POST, "reverse", Shape.REVERSE, false),
    REFUND_CREATE(HttpMethod.POST, "refund", Shape.REFUND, false),
    REFUND_QUERY(HttpMethod.GET, "refund_query", Shape.REFUND, false),
    CERTIFICATES(HttpMethod.GET, "certificates", null, false),

    SANDBOX_CREATE_PAYER(HttpMethod.POST, "sandbox_create_payer", Shape.PAYER, true),
    SANDBOX_QUERY_PAYER(HttpMethod.GET, "sandbox_query_payer", Shape.PAYER, true),
    SANDBOX_AUTH_CODE(HttpMethod.POST, "sandbox_auth_code", Shape.AUTH_CODE, true),
    SANDBOX_PAYER_STATUS(HttpMethod.POST, "sandbox_payer_status", Shape.PAYER, true),
    SANDBOX_CONFIRM(HttpMethod.POST, "sandbox_confirm", Shape.TRANSACTION, true),
    SANDBOX_PAY(HttpMethod.POST, "sandbox_pay", Shape.TRANSACTION, true);

    private final HttpMethod method;
    private final String label;
    private final Shape shape;
    private final boolean sandbox;

    Endpoint(HttpMethod method, String label, Shape shape, boolean sandbox) {
        this.method = method;
        this.label = label;
        this.shape = shape;
        this.sandbox = sandbox;
    }

    public HttpMethod method() {
        return method;
    }

    /** The {@code endpoint} label of request metrics. */
    public String label() {
        return label;
    }

    /** The kind of success answer. */
    public Shape shape() {
        return shape;
    }

    /** The payer-side sandbox API: no merchant signature, unsigned answers, sandbox mode only. */
    public boolean sandbox() {
        return sandbox;
    }
}
