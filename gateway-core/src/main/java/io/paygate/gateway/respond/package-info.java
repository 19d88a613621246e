/**
 * Stage 3 and the way out: {@link io.paygate.gateway.respond.RespondStage} hands each matcher result
 * to whoever waits for it; {@link io.paygate.gateway.respond.Replies} turns a result into the wire
 * model (on the respond thread, copying out of the slot); {@link io.paygate.gateway.respond.HttpReplies}
 * encodes and signs it (on the request's event loop, so signing uses every core).
 *
 * <p>Every 2xx is signed, 202 and 204 included, and carries {@code Content-Type: application/json};
 * every non-2xx carries {@code {"code","message"}} ({@link io.paygate.gateway.respond.ApiError}).
 */
package io.paygate.gateway.respond;
