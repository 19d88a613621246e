package io.paygate.gateway.matcher;

/** A sandbox wallet's standing: only ACTIVE wallets pay; refunds to the others fail (ABNORMAL, CLOSED). */
public enum PayerStatus {
    ACTIVE,
    FROZEN,
    CLOSED
}
