package io.paygate.codec.command;

/** A journal record that fails its length, version, type or CRC check. Never skipped silently. */
public final class CorruptRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }
}
