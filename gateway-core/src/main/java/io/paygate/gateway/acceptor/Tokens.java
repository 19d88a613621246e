package io.paygate.gateway.acceptor;

import io.paygate.signing.Nonces;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The random parts of a command, drawn at the acceptor (never in the matcher). A code_url token or a
 * prepay_id lets whoever holds it pay the order, so they come from a CSPRNG (one per event loop).
 */
final class Tokens {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final DateTimeFormatter PREPAY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.ofHours(8));
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    /** Length of the {@code pr=} token of a Native code_url (96 bits of entropy). */
    static final int CODE_URL_TOKEN_CHARS = 16;

    private Tokens() {
    }

    /** The {@code pr=} part of a Native code_url. */
    static String codeUrlToken() {
        return alphanumeric(CODE_URL_TOKEN_CHARS);
    }

    /** A prepay_id shaped like WeChat's: {@code wx} + yyyyMMddHHmmss + 20 hex characters (80 bits). */
    static String prepayId(long acceptedAtMillis) {
        SecureRandom r = RANDOM.get();
        StringBuilder sb = new StringBuilder(36).append("wx").append(PREPAY_TIME.format(Instant.ofEpochMilli(acceptedAtMillis)));
        byte[] random = new byte[10];
        r.nextBytes(random); // one CSPRNG call: each byte gives two hex characters
        for (byte b : random) {
            sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return sb.toString();
    }

    /** A sandbox payer's openid: {@code o} + 27 characters, like WeChat's 28-character openids. */
    static String openid() {
        return "o" + alphanumeric(27);
    }

    /** A pay code: 18 digits beginning with 10 to 15. */
    static String authCode() {
        SecureRandom r = RANDOM.get();
        StringBuilder sb = new StringBuilder(18).append(10 + r.nextInt(6));
        for (int i = 0; i < 16; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    /**
     * {@code length} characters of [0-9A-Za-z], uniformly, from this thread's CSPRNG ({@link Nonces}:
     * bytes drawn in bulk, the biased ones dropped).
     */
    static String alphanumeric(int length) {
        return Nonces.alphanumeric(RANDOM.get(), length);
    }
}
