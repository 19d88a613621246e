package io.paygate.gateway.matcher;

/**
 * An event the matcher emits for the outbox: a payment succeeded, a refund settled or failed. A view
 * like the other result parts: the slot's events are allocated once and refilled.
 */
public final class Event {
    public EventType type;
    /** Position among the command's events; with the command's sequence it makes the event's id. */
    public int index;
    public String mchid;
    public String notifyUrl;
    /** The order (payments) or refund (refunds) at the time of the event. */
    public final Order order = new Order();
    public final Refund refund = new Refund();

    /** The event's sequence: {@code (commandSequence << 8) | index}. */
    public static long sequenceOf(long commandSequence, int index) {
        return (commandSequence << 8) | index;
    }
}
