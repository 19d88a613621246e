package io.paygate.gateway.acceptor;

import io.paygate.gateway.respond.ApiError;

/**
 * A request refused below the API handler (bad framing, limits, timeouts), passed up the pipeline so
 * that its error response still leaves in request order. The connection closes after it.
 */
public record Rejection(ApiError error) {
}
