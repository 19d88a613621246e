package io.paygate.gateway.sequence;

/**
 * How ring stages report timings and failures without knowing about metrics or logging (both live
 * outside the ring threads' hot code). Implementations must not block or allocate per call.
 */
public interface StageListener {

    /** A stage finished one event in {@code nanos}. */
    void stageDone(String stage, long nanos);

    /** The journal stage appended a record of {@code bytes}. */
    default void journaled(int bytes) {
    }

    /** A stage failed in a way that halts intake. */
    void failed(String stage, String what, Throwable cause);

    /** Does nothing (tests, offline tools). */
    StageListener NONE = new StageListener() {
        @Override
        public void stageDone(String stage, long nanos) {
        }

        @Override
        public void failed(String stage, String what, Throwable cause) {
        }
    };
}
