package io.paygate.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Times on the wire: RFC 3339 with seconds and an explicit offset, as WeChat Pay writes them
 * ({@code 2018-06-08T10:34:56+08:00}). Paygate writes China Standard Time like WeChat does.
 */
public final class Rfc3339 {

    /** The offset WeChat Pay uses in every time it writes. */
    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    /** Date, time with seconds, optional fraction, and an offset of hours and minutes (or Z). */
    private static final Pattern SHAPE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private Rfc3339() {
    }

    /** Formats epoch millis (truncated to seconds) in +08:00. */
    public static String format(long epochMillis) {
        return WRITE.format(Instant.ofEpochMilli(epochMillis).atOffset(CHINA));
    }

    /**
     * Parses an RFC 3339 time with an offset (fractional seconds allowed) into epoch millis.
     *
     * @throws IllegalArgumentException when the text is not such a time
     */
    public static long parseMillis(String text) {
        if (text == null || text.length() > 40 || !SHAPE.matcher(text).matches()) {
            throw new IllegalArgumentException("not an RFC 3339 time");
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("not an RFC 3339 time", e);
        }
    }
}
