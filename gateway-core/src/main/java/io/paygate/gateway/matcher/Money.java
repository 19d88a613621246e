package io.paygate.gateway.matcher;

import java.nio.charset.StandardCharsets;

/** Fee arithmetic and the deterministic identifiers the matcher derives from sequences. */
final class Money {
    private Money() {
    }

    /** Parts per million in one. */
    static final long PPM = 1_000_000L;
    /** China Standard Time offset, for the date inside identifiers. */
    private static final long CST_OFFSET_MILLIS = 8 * 3_600_000L;

    /** The merchant's fee on {@code amountFen} at {@code ratePpm}, rounded half up to the fen (as bills show it). */
    static long fee(long amountFen, long ratePpm) {
        return Math.addExact(Math.multiplyExact(amountFen, ratePpm), PPM / 2) / PPM;
    }

    /**
     * How much of an order's fee has been given back once {@code refundedFen} of {@code totalFen} is
     * refunded: in proportion, rounded half up, and exactly the whole fee at a full refund.
     */
    static long feeRefundedAfter(long feeFen, long refundedFen, long totalFen) {
        if (refundedFen >= totalFen) {
            return feeFen;
        }
        long numerator = Math.addExact(Math.multiplyExact(Math.multiplyExact(feeFen, refundedFen), 2L), totalFen);
        return numerator / Math.multiplyExact(totalFen, 2L);
    }

    /** Room for the longest id: a 4-character prefix, the date and a 19-digit sequence. */
    static final int ID_CHARS_MAX = 4 + 8 + 19;

    /**
     * A 28-digit WeChat-style id: prefix, the command's date in CST, the sequence (16 digits, more if
     * it needs them).
     */
    static String id(String prefix4, long epochMillis, long sequence) {
        return id(prefix4, epochMillis, sequence, new byte[ID_CHARS_MAX]);
    }

    /**
     * {@link #id(String, long, long)} built in {@code scratch} (at least {@link #ID_CHARS_MAX} long,
     * the matcher's own): it runs for every payment and refund, and this way the only allocation is
     * the id itself.
     */
    static String id(String prefix4, long epochMillis, long sequence, byte[] scratch) {
        long days = Math.floorDiv(epochMillis + CST_OFFSET_MILLIS, 86_400_000L);
        // civil date from days since 1970-01-01 (proleptic Gregorian, as LocalDate.ofEpochDay)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        int seqWidth = Math.max(16, digits(sequence));
        int p = prefix4.length();
        for (int i = 0; i < p; i++) {
            scratch[i] = (byte) prefix4.charAt(i);
        }
        putPadded(scratch, p, year, 4);
        putPadded(scratch, p + 4, month, 2);
        putPadded(scratch, p + 6, day, 2);
        putPadded(scratch, p + 8, sequence, seqWidth);
        return new String(scratch, 0, p + 8 + seqWidth, StandardCharsets.ISO_8859_1);
    }

    private static int digits(long v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    /** Writes non-negative {@code v} right-aligned in {@code width} chars at {@code at}, zero-padded. */
    private static void putPadded(byte[] c, int at, long v, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }
}
