package io.paygate.codec;

/**
 * A request body that cannot be accepted. The message is meant for the client (it goes into the
 * {@code message} of a 400 {@code PARAM_ERROR}); it never contains more than a field name.
 */
public final class JsonInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JsonInputException(String message) {
        super(message, null, false, false);
    }
}
