/**
 * The acceptor: Netty event loops that decode HTTP/1.1 within named limits, refuse ambiguous framing,
 * route, run the verify and decode stages, stamp the command (accept time, random tokens) and
 * publish it to the ring with {@code tryPublish} (a full ring is an immediate 503). Answers come back
 * through {@link io.paygate.gateway.acceptor.HttpTarget} onto the same event loop, where they are
 * encoded, signed and written in request order ({@link io.paygate.gateway.acceptor.ResponseSequencer}).
 *
 * <p>Thread: the API event loops (N = cores). Never: block, wait on the ring, or log secrets.
 * The handler order is wired in {@link io.paygate.gateway.Pipeline}.
 */
package io.paygate.gateway.acceptor;
