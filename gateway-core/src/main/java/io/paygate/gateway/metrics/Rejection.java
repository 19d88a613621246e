package io.paygate.gateway.metrics;

/** Why a request was refused before (or instead of) reaching the matcher, with its {@code reason} label. */
public enum Rejection {
    SIGNATURE("signature"),
    LIMITS("limits"),
    VALIDATION("validation"),
    RING_FULL("ring_full"),
    RATE("rate"),
    UNAVAILABLE("unavailable"),
    NOT_FOUND("not_found");

    private final String label;

    Rejection(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
