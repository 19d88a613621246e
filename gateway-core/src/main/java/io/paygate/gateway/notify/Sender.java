package io.paygate.gateway.notify;

import io.paygate.codec.event.EventRecord;

/**
 * Performs one delivery attempt: encrypt, sign, POST, wait at most the attempt timeout. Never blocks
 * the caller; {@code done} is called exactly once, on any thread.
 */
public interface Sender extends AutoCloseable {

    void send(EventRecord event, int attempt, Done done);

    /** The outcome of an attempt: the merchant's status (0 if none), or an error word. */
    @FunctionalInterface
    interface Done {
        void completed(int httpStatus, String error);
    }

    @Override
    default void close() {
    }
}
