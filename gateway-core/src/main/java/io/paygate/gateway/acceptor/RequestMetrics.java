package io.paygate.gateway.acceptor;

/**
 * Told once per answered API request, on the event loop that answered it: which endpoint (null when
 * the request never routed), the HTTP status, and the time from the request's arrival.
 * Implementations must not block.
 */
public interface RequestMetrics {

    void answered(Endpoint endpoint, int status, long nanos);

    /** Counts nothing. */
    RequestMetrics NONE = (endpoint, status, nanos) -> { };
}
