package io.paygate.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The three client key orders of reference §1.1, the bounds, and every rejection. */
class AuthorizationHeaderTest {

    private static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048 ";
    private static final String MCHID = "mchid=\"1900000001\"";
    private static final String NONCE = "nonce_str=\"593BEC0C930BF1AFEB40B4A08C8FB242\"";
    private static final String TIMESTAMP = "timestamp=\"1554208460\"";
    private static final String SERIAL = "serial_no=\"1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C\"";
    private static final String SIGNATURE_VALUE =
            "uOVRnA4qG/MNnYzdQxJanN+zU+lTgIcnU9BxGw5dKjK+VdEUz2FeIoC+D5sB/LN+nGzX3hfZg6r5wT1pl2ZobmIc6p0ldN7J6yDgUzbX8Uk3"
            + "sD4a4eZVPTBvqNDoUqcYMlZ9uuDdCvNv4TM3c1WzsXUrExwVkI1XO5jCNbgDJ25nkT/c1gIFvqoogl7MdSFGc4W4xZsqCItnqbypR3RuGIlR"
            + "9h9vlRsy7zJR9PBI83X8alLDIfR1ukt1P7tMnmogZ0cuDY8cZsd8ZlCgLadmvej58SLsIkVxFJ8XO5sYtuYGCNMIVnkIIUhyrzr3ot5H1gM"
            + "Ph0yyc7WEx0fyp4mPw==";
    private static final String SIGNATURE = "signature=\"" + SIGNATURE_VALUE + "\"";

    private static final String MALFORMED = "Http头Authorization值格式错误";

    @Test
    void parsesWechatpayJavaOrder() {
        AuthorizationHeader h = AuthorizationHeader.parse(
                SCHEMA + String.join(",", MCHID, NONCE, TIMESTAMP, SERIAL, SIGNATURE));
        assertThat(h).isEqualTo(expected("593BEC0C930BF1AFEB40B4A08C8FB242"));
    }

    @Test
    void parsesWxPayUtilityOrder() {
        AuthorizationHeader h = AuthorizationHeader.parse(
                SCHEMA + String.join(",", MCHID, NONCE, SIGNATURE, TIMESTAMP, SERIAL));
        assertThat(h).isEqualTo(expected("593BEC0C930BF1AFEB40B4A08C8FB242"));
    }

    @Test
    void parsesIjPayOrderWithLowercaseHexNonce() {
        AuthorizationHeader h = AuthorizationHeader.parse(SCHEMA + String.join(",",
                MCHID, "nonce_str=\"a1b2c3d4e5f60718293a4b5c6d7e8f90\"", SERIAL, SIGNATURE, TIMESTAMP));
        assertThat(h).isEqualTo(expected("a1b2c3d4e5f60718293a4b5c6d7e8f90"));
    }

    @Test
    void toleratesSpacesAfterCommas() {
        AuthorizationHeader h = AuthorizationHeader.parse(
                SCHEMA + String.join(",  ", MCHID, NONCE, TIMESTAMP, SERIAL, SIGNATURE));
        assertThat(h).isEqualTo(expected("593BEC0C930BF1AFEB40B4A08C8FB242"));
    }

    @Test
    void acceptsAStringBuilder() {
        CharSequence value = new StringBuilder(SCHEMA).append(String.join(",", SERIAL, SIGNATURE, TIMESTAMP, NONCE, MCHID));
        assertThat(AuthorizationHeader.parse(value)).isEqualTo(expected("593BEC0C930BF1AFEB40B4A08C8FB242"));
    }

    static Stream<Arguments> acceptedAtTheBounds() {
        return Stream.of(
                Arguments.of("mchid of 32 alphanumerics", with("mchid", "aZ09".repeat(8))),
                Arguments.of("nonce of 64 printable chars", with("nonce_str", " !#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".repeat(2))),
                Arguments.of("nonce of 1 char", with("nonce_str", "x")),
                Arguments.of("timestamp of 12 digits", with("timestamp", "999999999999")),
                Arguments.of("serial of 64 chars with underscore", with("serial_no", "PUB_KEY_ID_" + "0".repeat(53))),
                Arguments.of("public-key id serial", with("serial_no", "PUB_KEY_ID_0112860886012025062700111588000000")),
                Arguments.of("signature of 1024 base64 chars", with("signature", "A".repeat(1020) + "a+/=")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("acceptedAtTheBounds")
    void acceptsValuesAtTheirBounds(String why, String header) {
        assertThat(AuthorizationHeader.parse(header).schema()).isEqualTo("WECHATPAY2-SHA256-RSA2048");
    }

    @Test
    void acceptsAHeaderOfExactly2048Characters() {
        assertThat(AuthorizationHeader.parse(maximalHeader(2048)).signature()).hasSize(1024);
    }

    @Test
    void rejectsAHeaderOf2049CharactersEvenIfEveryFieldIsWithinBounds() {
        assertThatThrownBy(() -> AuthorizationHeader.parse(maximalHeader(2049)))
                .isInstanceOf(SignatureFailure.class)
                .hasMessageContaining("长度超过2048");
    }

    /** Every field at its maximum, padded to {@code length} with spaces after the first comma. */
    private static String maximalHeader(int length) {
        String rest = String.join(",", "nonce_str=\"" + "n".repeat(64) + "\"", "timestamp=\"" + "9".repeat(12) + "\"",
                "serial_no=\"" + "S".repeat(64) + "\"", "signature=\"" + "A".repeat(1024) + "\"");
        String head = SCHEMA + "mchid=\"" + "m".repeat(32) + "\",";
        String header = head + " ".repeat(length - head.length() - rest.length()) + rest;
        assertThat(header).hasSize(length);
        return header;
    }

    static Stream<Arguments> rejected() {
        String all = String.join(",", MCHID, NONCE, TIMESTAMP, SERIAL, SIGNATURE);
        return Stream.of(
                Arguments.of("empty", "", "缺少Http头Authorization"),
                Arguments.of("schema only", "WECHATPAY2-SHA256-RSA2048", "缺少签名参数"),
                Arguments.of("schema and space only", SCHEMA, MALFORMED),
                Arguments.of("wrong schema", "Bearer " + all, "不支持的签名方案"),
                Arguments.of("lowercase schema", "wechatpay2-sha256-rsa2048 " + all, "不支持的签名方案"),
                Arguments.of("two spaces after schema", SCHEMA + " " + all, MALFORMED),
                Arguments.of("missing signature", SCHEMA + String.join(",", MCHID, NONCE, TIMESTAMP, SERIAL), "缺少参数signature"),
                Arguments.of("missing mchid", SCHEMA + String.join(",", NONCE, TIMESTAMP, SERIAL, SIGNATURE), "缺少参数mchid"),
                Arguments.of("missing nonce_str", SCHEMA + String.join(",", MCHID, TIMESTAMP, SERIAL, SIGNATURE), "缺少参数nonce_str"),
                Arguments.of("missing timestamp", SCHEMA + String.join(",", MCHID, NONCE, SERIAL, SIGNATURE), "缺少参数timestamp"),
                Arguments.of("missing serial_no", SCHEMA + String.join(",", MCHID, NONCE, TIMESTAMP, SIGNATURE), "缺少参数serial_no"),
                Arguments.of("duplicate nonce_str", SCHEMA + all + "," + NONCE, "参数nonce_str重复"),
                Arguments.of("duplicate mchid", SCHEMA + MCHID + "," + all, "参数mchid重复"),
                Arguments.of("unknown key", SCHEMA + all + ",realm=\"x\"", "未知参数"),
                Arguments.of("uppercase key", SCHEMA + all.replace("mchid=", "MCHID="), MALFORMED + "：参数须为"),
                Arguments.of("empty mchid", with("mchid", ""), "参数mchid为空"),
                Arguments.of("empty nonce_str", with("nonce_str", ""), "参数nonce_str为空"),
                Arguments.of("empty signature", with("signature", ""), "参数signature为空"),
                Arguments.of("unquoted value", SCHEMA + all.replace("\"1554208460\"", "1554208460"), "参数timestamp的值须用双引号括起"),
                Arguments.of("unterminated quote", SCHEMA + all.substring(0, all.length() - 1), "参数signature缺少结束双引号"),
                Arguments.of("colon instead of equals", SCHEMA + all.replace("mchid=", "mchid:"), MALFORMED + "：参数须为"),
                Arguments.of("semicolon separator", SCHEMA + String.join(";", MCHID, NONCE, TIMESTAMP, SERIAL, SIGNATURE), MALFORMED + "：参数须为"),
                Arguments.of("trailing comma", SCHEMA + all + ",", MALFORMED + "：参数须为"),
                Arguments.of("trailing space", SCHEMA + all + " ", MALFORMED + "：参数须为"),
                Arguments.of("space before comma", SCHEMA + String.join(" ,", MCHID, NONCE, TIMESTAMP, SERIAL, SIGNATURE), MALFORMED + "：参数须为"),
                Arguments.of("tab after comma", SCHEMA + String.join(",\t", MCHID, NONCE, TIMESTAMP, SERIAL, SIGNATURE), MALFORMED + "：参数须为"),
                Arguments.of("quote inside nonce", with("nonce_str", "ab\"cd"), MALFORMED + "：参数须为"),
                Arguments.of("oversize header", with("signature", "A".repeat(2000)), "长度超过2048"),
                Arguments.of("non-digit timestamp", with("timestamp", "15542084a0"), "参数timestamp包含非法字符"),
                Arguments.of("negative timestamp", with("timestamp", "-1554208460"), "参数timestamp包含非法字符"),
                Arguments.of("13-digit timestamp", with("timestamp", "1554208460000"), "参数timestamp过长"),
                Arguments.of("33-char mchid", with("mchid", "1".repeat(33)), "参数mchid过长"),
                Arguments.of("mchid with dash", with("mchid", "1900-0001"), "参数mchid包含非法字符"),
                Arguments.of("65-char nonce", with("nonce_str", "n".repeat(65)), "参数nonce_str过长"),
                Arguments.of("nonce with tab", with("nonce_str", "abc\tdef"), "参数nonce_str包含非法字符"),
                Arguments.of("nonce with non-ASCII", with("nonce_str", "随机串"), "参数nonce_str包含非法字符"),
                Arguments.of("65-char serial", with("serial_no", "A".repeat(65)), "参数serial_no过长"),
                Arguments.of("serial with dash", with("serial_no", "1DDE-55AD"), "参数serial_no包含非法字符"),
                Arguments.of("signature with asterisk", with("signature", "abc*def="), "参数signature包含非法字符"),
                Arguments.of("signature with url-safe alphabet", with("signature", "abc-def_"), "参数signature包含非法字符"),
                Arguments.of("1025-char signature", with("signature", "A".repeat(1025)), "参数signature过长"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rejected")
    void rejectsWithAReason(String why, String header, String reason) {
        assertThatThrownBy(() -> AuthorizationHeader.parse(header))
                .isInstanceOf(SignatureFailure.class)
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> AuthorizationHeader.parse(null))
                .isInstanceOf(SignatureFailure.class)
                .hasMessage("缺少Http头Authorization");
    }

    @Test
    void rejectionDoesNotEchoTheOffendingValue() {
        assertThatThrownBy(() -> AuthorizationHeader.parse(with("mchid", "<script>alert(1)</script>")))
                .isInstanceOf(SignatureFailure.class)
                .message().doesNotContain("script");
    }

    @Test
    void rejectionCarriesNoStackTrace() {
        assertThatThrownBy(() -> AuthorizationHeader.parse("Bearer x"))
                .isInstanceOf(SignatureFailure.class)
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    /** The wechatpay-java layout with one value replaced. */
    private static String with(String key, String value) {
        String mchid = key.equals("mchid") ? "mchid=\"" + value + "\"" : MCHID;
        String nonce = key.equals("nonce_str") ? "nonce_str=\"" + value + "\"" : NONCE;
        String timestamp = key.equals("timestamp") ? "timestamp=\"" + value + "\"" : TIMESTAMP;
        String serial = key.equals("serial_no") ? "serial_no=\"" + value + "\"" : SERIAL;
        String signature = key.equals("signature") ? "signature=\"" + value + "\"" : SIGNATURE;
        return SCHEMA + String.join(",", mchid, nonce, timestamp, serial, signature);
    }

    private static AuthorizationHeader expected(String nonce) {
        return new AuthorizationHeader("WECHATPAY2-SHA256-RSA2048", "1900000001", nonce, "1554208460",
                "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C", SIGNATURE_VALUE);
    }

    @Test
    void acceptsTheNationalCryptoSchema() {
        AuthorizationHeader h = AuthorizationHeader.parse("WECHATPAY2-SM2-WITH-SM3 mchid=\"1900000001\",nonce_str=\"abc\","
                + "timestamp=\"1554208460\",serial_no=\"1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C\",signature=\"QUJD\"");
        assertThat(h.schema()).isEqualTo(AuthorizationHeader.SCHEMA_SM2_WITH_SM3);
        assertThat(h.mchid()).isEqualTo("1900000001");
    }
}
