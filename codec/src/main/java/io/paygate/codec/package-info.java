/**
 * Wire formats and nothing else: the APIv3 JSON models and error bodies ({@link io.paygate.codec.v3}),
 * the JSON parser with Paygate's limits ({@link io.paygate.codec.Json}), RFC 3339 times, and the
 * binary journal record of a command ({@link io.paygate.codec.command}).
 *
 * <p>This module knows nothing of threads, sockets, the ring or the matcher's state. Every function
 * here is a pure transformation between bytes and values, so it can be tested and fuzzed alone.
 */
package io.paygate.codec;
