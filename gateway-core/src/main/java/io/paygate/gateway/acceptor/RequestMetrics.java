package io.paygate.gateway.acceptor;

import io.paygate.gateway.respond.ApiError;

/**
 * What the acceptor reports, on its event loops: each answered request (endpoint, or null when it
 * never routed; HTTP status; time since arrival), the time to publish (the accept stage), and each
 * refusal. Implementations must not block or allocate.
 */
public interface RequestMetrics {

    void answered(Endpoint endpoint, int status, long nanos);

    /** Arrival to publication on the ring took {@code nanos}. */
    default void accepted(long nanos) {
    }

    /** A request was refused with {@code error} before or instead of the matcher. */
    default void rejected(ApiError error) {
    }

    /** Encoding, signing and writing a response took {@code nanos}. */
    default void responded(long nanos) {
    }

    /** Counts nothing. */
    RequestMetrics NONE = (endpoint, status, nanos) -> { };
}
