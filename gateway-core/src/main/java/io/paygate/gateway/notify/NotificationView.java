package io.paygate.gateway.notify;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What the event log shows of one notification (admin API and CLI). Times are RFC 3339 or null. */
@JsonPropertyOrder({"id", "event_type", "mchid", "notify_url", "create_time", "status", "attempts",
        "last_http_status", "last_error", "last_attempt_time", "next_attempt_time"})
public record NotificationView(String id, String eventType, String mchid, String notifyUrl, String createTime,
                               String status, int attempts, Integer lastHttpStatus, String lastError,
                               String lastAttemptTime, String nextAttemptTime) {
}
