package io.paygate.codec.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.paygate.codec.Json;
import io.paygate.codec.command.CorruptRecordException;
import java.nio.charset.StandardCharsets;

/**
 * One delivery attempt of an event and what came of it, as the notifier journals it.
 *
 * @param eventSequence the event's sequence
 * @param attempt 1 for the first attempt; resends continue the count
 * @param atMillis when the attempt started
 * @param httpStatus the merchant's HTTP status, 0 when none came back
 * @param error null, or what went wrong without a status: timeout, connect, refused-address, tls, io
 * @param status the notification's status after this attempt: DELIVERED, RETRYING, EXHAUSTED
 * @param nextAttemptAtMillis when the next attempt is due (0 when none)
 * @param resend whether an operator asked for this attempt
 * @param scheduledAttempts how many attempts of the retry schedule have been made (resends of a
 *     notification that already failed do not count: they leave the schedule as it was)
 */
@JsonPropertyOrder({"event_sequence", "attempt", "at_millis", "duration_millis", "http_status", "error", "status",
        "next_attempt_at_millis", "resend", "scheduled_attempts"})
public record DeliveryRecord(long eventSequence, int attempt, long atMillis, long durationMillis, int httpStatus,
                             String error, String status, long nextAttemptAtMillis, boolean resend,
                             int scheduledAttempts) {

    public static final int VERSION = 1;

    public byte[] encode() {
        try {
            return Frames.seal(Frames.TYPE_DELIVERY, VERSION, eventSequence, Json.mapper().writeValueAsBytes(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode delivery", e);
        }
    }

    public static DeliveryRecord decode(byte[] b, int length) {
        Frames.Frame f = Frames.open(b, length, Frames.TYPE_DELIVERY, VERSION);
        try {
            DeliveryRecord d = Json.mapper().readValue(f.payload().getBytes(StandardCharsets.UTF_8), DeliveryRecord.class);
            if (d.eventSequence() != f.sequence()) {
                throw new CorruptRecordException("delivery sequence differs from its frame");
            }
            return d;
        } catch (java.io.IOException e) {
            throw new CorruptRecordException("delivery payload is not valid JSON");
        }
    }
}
