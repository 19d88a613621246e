package io.paygate.gateway.journal;

/** The journal cannot be trusted past this point: start-up refuses, naming where. */
public final class JournalCorruptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalCorruptException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalCorruptException(String message) {
        super(message);
    }
}
