package io.paygate.gateway.matcher;

/**
 * Always-on checks (Java's {@code assert} is off in production). A failed check is a bug or
 * corruption: it throws, and the matcher stage turns that into fail-stop. Primitive overloads so a
 * passing check allocates nothing.
 */
public final class Invariants {
    private Invariants() {
    }

    public static void check(boolean condition, String what) {
        if (!condition) {
            throw new InvariantViolation(what);
        }
    }

    public static void check(boolean condition, String what, long a, long b) {
        if (!condition) {
            throw new InvariantViolation(what + " (" + a + ", " + b + ")");
        }
    }

    /** A broken invariant: never caught to continue, only to stop intake. */
    public static final class InvariantViolation extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        InvariantViolation(String message) {
            super(message);
        }
    }
}
