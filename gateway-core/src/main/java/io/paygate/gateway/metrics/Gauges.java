package io.paygate.gateway.metrics;

import java.util.Map;

/** Point-in-time values the exporter reads at each scrape (from the gateway's components). */
public interface Gauges {
    /** Ring slots in use, and the ring's size. */
    long ringOccupancy();

    long ringSize();

    /** 1 when intake is open, 0 while recovering, draining or halted. */
    boolean intakeOpen();

    /** The last journaled command sequence. */
    long journalSequence();

    /** Seconds since the last snapshot was written (or since start, if none yet). */
    double snapshotAgeSeconds();

    /** How long the last start's recovery took (snapshot load and journal replay), and what it replayed. */
    double recoverySeconds();

    long recoveryReplayedCommands();

    /** Per merchant: {pending (PENDING or RETRYING), exhausted} notifications. */
    Map<String, long[]> notificationsByMerchant();
}
