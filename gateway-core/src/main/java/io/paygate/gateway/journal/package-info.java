/**
 * Stage 1 of the ring: the journal. Appends every state-changing command, as a
 * {@link io.paygate.codec.command.CommandCodec} record with a CRC32C, to the Chronicle Queue
 * {@code DIR/journal/commands} before the matcher may see it, and assigns the gap-free sequence.
 * At start-up it replays the same queue into a fresh matcher.
 *
 * <p>Thread: the ring's journal thread (recovery: the main thread, before the ring starts).
 * Never: answer clients, or let a command whose append failed reach the matcher.
 */
package io.paygate.gateway.journal;
