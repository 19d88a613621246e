/**
 * The decode stage, on the acceptor's event loops, after verification: parses the JSON body with
 * {@link io.paygate.codec.Json}'s limits, validates every field as the WeChat Pay reference states,
 * and fills a {@link io.paygate.codec.command.Command}. Stateless checks only; whatever depends on
 * state (does the order exist, is the appid the merchant's) is the matcher's.
 *
 * <p>Every rejection is a 400 {@code PARAM_ERROR} (or 403 {@code NO_AUTH} when a request names
 * another merchant) whose message names the field. Never: mutate anything, or block.
 */
package io.paygate.gateway.decode;
