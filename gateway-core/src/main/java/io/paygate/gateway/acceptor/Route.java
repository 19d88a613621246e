package io.paygate.gateway.acceptor;

/** A routed request: which endpoint, and the path parameter it names (decoded), if any. */
public record Route(Endpoint endpoint, String pathParam) {
}
