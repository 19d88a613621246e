/**
 * Merchant notifications: the outbox (a ring stage that journals the matcher's events to
 * {@code DIR/journal/events} with deterministic ids), and the notifier (one scheduling thread that
 * tails the events, delivers each to the merchant's notify_url with WeChat's retry schedule through a
 * non-blocking Netty client, and journals every attempt to {@code DIR/journal/deliveries}).
 *
 * <p>Threads: the outbox runs on the ring's outbox thread; the notifier's state lives on its own
 * thread; HTTP, signing and encryption run on the notify event loops (all cores). Never: block the
 * ring, let one merchant's slow endpoint delay another's, connect to an address the callback policy
 * refuses, or log a decrypted notification.
 */
package io.paygate.gateway.notify;
