package io.paygate.gateway.metrics;

/** The stages whose latency is recorded, with their {@code stage} label. */
public enum Stage {
    /** Request arrival to publication on the ring: verify, decode, validate, stamp. */
    ACCEPT("accept"),
    /** Publication to the journal stage picking the command up. */
    RING("ring"),
    /** Journal append (and msync with sync = batch). */
    JOURNAL("journal"),
    /** The matcher applying the command. */
    MATCH("match"),
    /** Encoding, signing and writing the response on the event loop. */
    RESPOND("respond"),
    /** One notification delivery attempt. */
    NOTIFY("notify");

    private static final Stage[] ALL = values(); // values() copies the array on every call

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The stage with this label, or null. Allocates nothing: the ring stages call it per command. */
    public static Stage of(String label) {
        for (Stage s : ALL) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        return null;
    }
}
