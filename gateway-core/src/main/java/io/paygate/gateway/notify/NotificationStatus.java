package io.paygate.gateway.notify;

/** Where a notification stands. */
public enum NotificationStatus {
    /** Not attempted yet. */
    PENDING,
    /** Failed at least once; another attempt is scheduled. */
    RETRYING,
    /** The merchant answered 200 or 204. */
    DELIVERED,
    /** Every attempt of the schedule failed. */
    EXHAUSTED
}
