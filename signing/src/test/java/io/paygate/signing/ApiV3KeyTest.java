package io.paygate.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiV3KeyTest {

    private static final String SECRET = "9dGk3Pq7Lm2Xw8Rt5Yb1Zc6Vn4Hs0JfA";

    @Test
    void revealReturnsTheText() {
        assertThat(ApiV3Key.of(SECRET).reveal()).isEqualTo(SECRET);
    }

    @Test
    void toStringIsMasked() {
        assertThat(ApiV3Key.of(SECRET).toString()).isEqualTo("ApiV3Key[****]");
    }

    @Test
    void toStringDoesNotContainAnyPartOfTheKey() {
        assertThat(String.valueOf(ApiV3Key.of(SECRET))).doesNotContain(SECRET.substring(0, 4))
                .doesNotContain(SECRET.substring(28));
    }

    @Test
    void equalKeysAreEqualWithEqualHashCodes() {
        ApiV3Key a = ApiV3Key.of(SECRET);
        ApiV3Key b = ApiV3Key.of(new String(SECRET.toCharArray()));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @Test
    void differentKeysAreNotEqual() {
        assertThat(ApiV3Key.of(SECRET)).isNotEqualTo(ApiV3Key.of(SECRET.replace('A', 'B')));
    }

    @Test
    void acceptsEveryAsciiPunctuationCharacter() {
        String punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
        assertThat(ApiV3Key.of(punctuation).reveal()).isEqualTo(punctuation);
    }

    @Test
    void acceptsSpaceAsPrintable() {
        String withSpace = "9dGk3Pq7Lm2Xw8Rt 5Yb1Zc6Vn4Hs0Jf";
        assertThat(ApiV3Key.of(withSpace).reveal()).isEqualTo(withSpace);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
        "",
        "9dGk3Pq7Lm2Xw8Rt5Yb1Zc6Vn4Hs0Jf",
        "9dGk3Pq7Lm2Xw8Rt5Yb1Zc6Vn4Hs0JfAB",
        "9dGk3Pq7Lm2Xw8Rt5Yb1Zc6Vn4Hs0J密A",
        "9dGk3Pq7Lm2Xw8Rt5Yb1Zc6Vn4Hs0J\nA",
        "9dGk3Pq7Lm2Xw8Rt5Yb1Zc6Vn4Hs0J\u007FA",
    })
    void rejectsAnythingButThirtyTwoPrintableAscii(String bad) {
        assertThatThrownBy(() -> ApiV3Key.of(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain(bad.isEmpty() ? "\u0000" : bad).doesNotContain("9dGk");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> ApiV3Key.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomKeyIsThirtyTwoAlphanumerics() {
        assertThat(ApiV3Key.random(new SecureRandom()).reveal()).matches("[0-9A-Za-z]{32}");
    }

    @Test
    void randomKeysDiffer() {
        SecureRandom rnd = new SecureRandom();
        assertThat(ApiV3Key.random(rnd)).isNotEqualTo(ApiV3Key.random(rnd));
    }
}
