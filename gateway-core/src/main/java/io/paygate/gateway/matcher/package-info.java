/**
 * Stage 2 of the ring: the matcher. One thread, a pure deterministic state machine over journaled
 * commands: merchants, orders, (later) payers, the double-entry ledger and refunds.
 *
 * <p>Thread: the ring's matcher thread only (and the recovery thread before the ring starts).
 * Reads: the {@link io.paygate.codec.command.Command} in a ring slot. Writes: its own state and the
 * {@link io.paygate.gateway.matcher.MatchResult} in the same slot, which later stages read.
 *
 * <p>Never: read a clock, draw a random number, do I/O, log, start threads or touch Netty. Time and
 * random tokens arrive inside the command, so replaying the journal rebuilds exactly the same state
 * (the same {@link io.paygate.gateway.matcher.Matcher#stateHash()}). Business outcomes are
 * {@link io.paygate.gateway.matcher.ResultCode}s decided before any state changes; exceptions are
 * for bugs and corruption, and stop intake.
 */
package io.paygate.gateway.matcher;
