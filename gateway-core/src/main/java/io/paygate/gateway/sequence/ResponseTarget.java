package io.paygate.gateway.sequence;

/**
 * Whoever waits for a command's outcome. Called once, on the respond stage's thread, after the
 * matcher wrote the result. Implementations copy what they need out of the slot (which is reused as
 * soon as this returns) and hand the work to their own thread; they must never block.
 */
@FunctionalInterface
public interface ResponseTarget {
    void complete(CommandEvent event);
}
