/**
 * The verify stage, on the acceptor's event loops: APIv3 request authentication over the raw
 * request bytes, before any JSON is parsed. Knows which merchants exist and their keys
 * ({@link io.paygate.gateway.verify.MerchantDirectory}, filled from journaled provisioning results),
 * checks the clock skew and rejects replayed nonces ({@link io.paygate.gateway.verify.ReplayGuard}).
 *
 * <p>Thread: any event loop, concurrently. Never: parse the body, log key material, or block.
 */
package io.paygate.gateway.verify;
