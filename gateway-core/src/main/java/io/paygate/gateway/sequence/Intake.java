package io.paygate.gateway.sequence;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether new commands may enter: closed while recovering, open when ready, halted for good after a
 * fail-stop (an invariant breach or a journal error), closed again while draining. {@code /readyz}
 * reports {@link #isOpen()}.
 */
public final class Intake {

    /** The gate's states. */
    public enum State { RECOVERING, OPEN, DRAINING, HALTED }

    private final AtomicReference<State> state = new AtomicReference<>(State.RECOVERING);
    private volatile String haltReason;

    public boolean isOpen() {
        return state.get() == State.OPEN;
    }

    public State state() {
        return state.get();
    }

    /** Recovery finished: start taking commands. */
    public void open() {
        state.compareAndSet(State.RECOVERING, State.OPEN);
    }

    /** Graceful stop: take nothing new. */
    public void drain() {
        state.compareAndSet(State.OPEN, State.DRAINING);
    }

    /** Fail-stop: the state can no longer be trusted. Irreversible. */
    public void halt(String reason) {
        haltReason = reason;
        state.set(State.HALTED);
    }

    public boolean isHalted() {
        return state.get() == State.HALTED;
    }

    /** Why intake halted, or null. */
    public String haltReason() {
        return haltReason;
    }
}
