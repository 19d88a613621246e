package io.paygate.gateway.matcher;

/** A sandbox payer (the person behind a WeChat wallet) and their ledger account. */
final class Payer {
    final String openid;
    final int account;
    final long createdAtMillis;
    /** ACTIVE, FROZEN or CLOSED: only an active wallet pays or receives refunds. */
    PayerStatus status = PayerStatus.ACTIVE;

    Payer(String openid, int account, long createdAtMillis) {
        this.openid = openid;
        this.account = account;
        this.createdAtMillis = createdAtMillis;
    }
}
