package io.paygate.signing;

/**
 * A request failed authentication: a malformed or unsupported {@code Authorization} header, or a
 * signature that does not verify.
 *
 * <p>The message is a short human-readable reason that is safe to send back to the client in a
 * {@code 401 SIGN_ERROR} body: it never echoes header values or key material. The exception carries
 * no stack trace and no suppressed exceptions because it is thrown at attack rates, where filling
 * in a stack trace would cost more than the check that failed.
 */
public final class SignatureFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the client-safe reason; must not contain untrusted input or secrets
     */
    public SignatureFailure(String message) {
        super(message, null, false, false);
    }
}
