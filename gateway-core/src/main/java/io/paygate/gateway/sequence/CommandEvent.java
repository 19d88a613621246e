package io.paygate.gateway.sequence;

import io.paygate.codec.command.Command;
import io.paygate.gateway.matcher.MatchResult;

/**
 * A ring slot, pre-allocated at start-up and reused: the command, where its answer goes, and what
 * each stage wrote. Stages on different threads hand the slot on through the ring's barriers, so no
 * field here needs to be volatile.
 */
public final class CommandEvent {
    /** Written by the publisher (copied from the acceptor's command). */
    public final Command command = new Command();
    /** Written by the matcher stage. */
    public final MatchResult result = new MatchResult();
    /** Where the respond stage hands the result; null for commands nobody waits on (ticks). */
    public ResponseTarget target;
    /** Written by the journal stage: true once the command is durable (always true for queries). */
    public boolean journaled;
    /** System.nanoTime() when published, for the ring-wait histogram. */
    public long publishedAtNanos;

    void load(Command src, ResponseTarget responseTarget, long nowNanos) {
        command.copyFrom(src);
        command.cacheHashes(); // on the publishing event loop, not on the matcher's thread
        target = responseTarget;
        journaled = false;
        publishedAtNanos = nowNanos;
    }
}
