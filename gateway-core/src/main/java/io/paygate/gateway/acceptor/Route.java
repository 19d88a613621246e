package io.paygate.gateway.acceptor;

/**
 * A routed request: which endpoint, the path parameter it names (decoded), if any, and whether it
 * came through the service-provider (partner) path {@code /v3/pay/partner/transactions/...}.
 */
public record Route(Endpoint endpoint, String pathParam, boolean partner) {
    public Route(Endpoint endpoint, String pathParam) {
        this(endpoint, pathParam, false);
    }
}
