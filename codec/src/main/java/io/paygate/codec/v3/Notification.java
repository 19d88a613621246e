package io.paygate.codec.v3;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The body POSTed to a merchant's notify_url (reference §4). */
@JsonPropertyOrder({"id", "create_time", "resource_type", "event_type", "summary", "resource"})
public record Notification(String id, String createTime, String resourceType, String eventType, String summary,
                           Resource resource) {

    /** The encrypted resource. */
    @JsonPropertyOrder({"original_type", "algorithm", "ciphertext", "associated_data", "nonce"})
    public record Resource(String originalType, String algorithm, String ciphertext, String associatedData,
                           String nonce) {
    }
}
