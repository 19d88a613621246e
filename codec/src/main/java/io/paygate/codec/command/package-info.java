/**
 * Commands: what the acceptor asks the matcher to do, as a flat, reusable struct ({@link
 * io.paygate.codec.command.Command}) and as the binary journal record ({@link
 * io.paygate.codec.command.CommandCodec}) that makes it durable and replayable.
 *
 * <p>A command carries everything the deterministic matcher needs: the time it was accepted, the
 * random tokens the acceptor drew, and the business fields. Nothing here has threads or I/O.
 */
package io.paygate.codec.command;
