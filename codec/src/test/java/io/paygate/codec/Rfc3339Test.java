package io.paygate.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Times on the wire: written in +08:00 to the second, read with any offset. */
class Rfc3339Test {

    /** 2018-06-08T02:34:56Z, computed outside java.time. */
    private static final long JUNE_8_2018_MILLIS = 1_528_425_296_000L;

    @Test
    void formatsEpochInChinaStandardTime() {
        assertThat(Rfc3339.format(0)).isEqualTo("1970-01-01T08:00:00+08:00");
        assertThat(Rfc3339.format(JUNE_8_2018_MILLIS)).isEqualTo("2018-06-08T10:34:56+08:00");
    }

    @Test
    void formatTruncatesToTheSecond() {
        assertThat(Rfc3339.format(JUNE_8_2018_MILLIS + 999)).isEqualTo("2018-06-08T10:34:56+08:00");
        assertThat(Rfc3339.format(-1)).isEqualTo("1970-01-01T07:59:59+08:00");
    }

    @Test
    void parsesTheWeChatFormat() {
        assertThat(Rfc3339.parseMillis("2018-06-08T10:34:56+08:00")).isEqualTo(JUNE_8_2018_MILLIS);
    }

    @Test
    void parsesZuluAndOtherOffsets() {
        assertThat(Rfc3339.parseMillis("2018-06-08T02:34:56Z")).isEqualTo(JUNE_8_2018_MILLIS);
        assertThat(Rfc3339.parseMillis("2018-06-08T02:34:56+00:00")).isEqualTo(JUNE_8_2018_MILLIS);
        assertThat(Rfc3339.parseMillis("2018-06-07T21:04:56-05:30")).isEqualTo(JUNE_8_2018_MILLIS);
    }

    @Test
    void parsesFractionalSeconds() {
        assertThat(Rfc3339.parseMillis("2018-06-08T10:34:56.789+08:00")).isEqualTo(JUNE_8_2018_MILLIS + 789);
        assertThat(Rfc3339.parseMillis("2018-06-08T02:34:56.5Z")).isEqualTo(JUNE_8_2018_MILLIS + 500);
        assertThat(Rfc3339.parseMillis("2018-06-08T10:34:56.123456789+08:00")).isEqualTo(JUNE_8_2018_MILLIS + 123);
    }

    @Test
    void formatThenParseIsTheSecond() {
        for (long millis : new long[] {0, JUNE_8_2018_MILLIS, 4_102_444_800_000L, -86_400_000L}) {
            assertThat(Rfc3339.parseMillis(Rfc3339.format(millis + 999))).isEqualTo(millis);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "garbage", "2018-06-08", "2018-06-08T10:34:56", "2018-06-08 10:34:56+08:00", "2018-06-08T10:34:56+0800",
        "2018-13-08T10:34:56+08:00", "2018-06-31T10:34:56+08:00", "2018-06-08T24:34:56+08:00", "20180608T103456+08:00",
        "2018-06-08T10:34:56+08:00 ", "1528425296", "2018-06-08T10:34+08:00", "2018-06-08T10:34:56+08:00:30",
    })
    void rejectsWhatIsNotAnRfc3339Time(String text) {
        assertThatThrownBy(() -> Rfc3339.parseMillis(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an RFC 3339 time");
    }

    @Test
    void rejectsNullAndTextLongerThan40Chars() {
        assertThatThrownBy(() -> Rfc3339.parseMillis(null)).isInstanceOf(IllegalArgumentException.class);
        String fortyOne = "2018-06-08T10:34:56.1234567890123456+08:00";
        assertThat(fortyOne).hasSizeGreaterThan(40);
        assertThatThrownBy(() -> Rfc3339.parseMillis(fortyOne))
                .isInstanceOf(IllegalArgumentException.class)
                .hasNoCause();
        String hostile = "2018-06-08T10:34:56+08:00" + "x".repeat(10_000);
        assertThatThrownBy(() -> Rfc3339.parseMillis(hostile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("xxxx");
    }
}
