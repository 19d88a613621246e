package io.paygate.gateway.matcher;

/** A payer's pay code (付款码): 18 digits, single use, lapses at {@link #expiresAtMillis}. */
final class AuthCode {
    final String code;
    final String openid;
    final long expiresAtMillis;
    final long issuedSequence;
    boolean used;

    AuthCode(String code, String openid, long expiresAtMillis, long issuedSequence) {
        this.code = code;
        this.openid = openid;
        this.expiresAtMillis = expiresAtMillis;
        this.issuedSequence = issuedSequence;
    }
}
