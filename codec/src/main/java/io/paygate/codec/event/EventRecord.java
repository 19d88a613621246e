package io.paygate.codec.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.paygate.codec.Json;
import io.paygate.codec.command.CorruptRecordException;
import java.nio.charset.StandardCharsets;

/**
 * One event for a merchant's notify_url, as the outbox journals it. {@code sequence} orders events
 * and makes them idempotent: it is {@code (commandSequence << 8) | indexInCommand}, so replaying the
 * command journal regenerates exactly the same events and the outbox skips those it already wrote.
 * {@code plaintext} is the resource JSON that the notification encrypts (Transaction or refund).
 */
@JsonPropertyOrder({"sequence", "id", "event_type", "mchid", "notify_url", "create_time_millis", "resource_type",
        "summary", "plaintext"})
public record EventRecord(long sequence, String id, String eventType, String mchid, String notifyUrl,
                          long createTimeMillis, String resourceType, String summary, String plaintext) {

    public static final int VERSION = 1;

    /** The framed record bytes. */
    public byte[] encode() {
        try {
            return Frames.seal(Frames.TYPE_EVENT, VERSION, sequence, Json.mapper().writeValueAsBytes(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event " + id, e);
        }
    }

    /** Decodes and checks a framed record. */
    public static EventRecord decode(byte[] b, int length) {
        Frames.Frame f = Frames.open(b, length, Frames.TYPE_EVENT, VERSION);
        try {
            EventRecord e = Json.mapper().readValue(f.payload().getBytes(StandardCharsets.UTF_8), EventRecord.class);
            if (e.sequence() != f.sequence()) {
                throw new CorruptRecordException("event sequence differs from its frame");
            }
            return e;
        } catch (java.io.IOException e) {
            throw new CorruptRecordException("event payload is not valid JSON");
        }
    }

    @Override
    public String toString() {
        return "EventRecord[" + id + " " + eventType + " " + mchid + "]";
    }
}
