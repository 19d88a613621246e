package io.paygate.gateway.matcher;

import java.time.LocalDate;

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

    /** A 28-digit WeChat-style id: prefix, the command's date in CST, the sequence. */
    static String id(String prefix4, long epochMillis, long sequence) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(epochMillis + CST_OFFSET_MILLIS, 86_400_000L));
        StringBuilder sb = new StringBuilder(28).append(prefix4);
        appendPadded(sb, day.getYear(), 4);
        appendPadded(sb, day.getMonthValue(), 2);
        appendPadded(sb, day.getDayOfMonth(), 2);
        appendPadded(sb, sequence, 16);
        return sb.toString();
    }

    private static void appendPadded(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
