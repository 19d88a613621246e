package io.paygate.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known answers for the APIv3 signature messages and SHA256withRSA. Each expected signature was
 * made by writing the exact message bytes with {@code printf} and running
 * {@code openssl dgst -sha256 -sign kat/merchant-key.pem msg | base64 -w0}; each was also checked
 * with {@code openssl dgst -sha256 -verify kat/merchant-pub.pem}. SHA-256 digests of the messages
 * are from {@code sha256sum} over the same files, to catch a typo in the expected text itself.
 */
class ApiV3SignaturesTest {

    /** {@code printf 'paygate known-answer message\n'}. */
    private static final String FIXED_MESSAGE = "paygate known-answer message\n";
    private static final String FIXED_MESSAGE_SIGNATURE =
            "MhHAwr4UwI502k/3K7JlizLC23zaPApr00iBsnuX2g+ICOErQ0fl4NM26SwJPLTPIaSMhMiJhY1J3oWe4Zm4NDkAjDAgUIfawRByaFAh"
            + "W4+nEKXJlHTIv2MuMxD0CUmZlfYM/+vEDMYYvVrEl3v2I213GAOO2Tr6bM9CG4txLAqVXnbytQv71rSBVRHjRFMWwp7Bzp+H8PWJp6J+"
            + "Fk2QS2vFJn3zwDuUH0k0eCLBETfl/NbLtHXyznyN3tpwTaSpsu5dcCBjeCH1yKu8YVzUe4C9E5TYG3hwhVJFMAw3h3erNY+w85tkPPd/"
            + "21lppxOFO1rquB/sQYMFId6G9DUkoA==";

    private static final String GET_URL = "/v3/pay/transactions/out-trade-no/X1?mchid=1900000001";
    private static final String GET_TIMESTAMP = "1795337009";
    private static final String GET_NONCE = "593BEC0C930BF1AFEB40B4A08C8FB242";
    private static final String GET_MESSAGE_SHA256 = "26debe4b2ad11f47d5d6db1d6ee4de047eca48c2996a9cbdd4587ea5164a6e05";
    private static final String GET_SIGNATURE =
            "FZJPD/NQQzLpntXUi3k10RZlWBnRBp3tF+9oXf7IoO7p/Y06LTuYjlwbKPjCPxhm0tUtnQs7AtewLGn4EfO51/k3THORxI5JZZ8tGetU"
            + "GU+NmTHmaQ4PoJkSoRCGg4lhRW39LVk/MLFJU2ARGerloqIDaIpXxqVQllu8744Mr8vKLSYfsGF7PPxS2dSmKnIeDjbI/EvCW2kVfIBS"
            + "hAIwwfWB8CNFwJOhOEISeYJvDS3/a4KqBDeEWLL+80vmgXXo6fC6PJpqlrUuM4YLB26BVPuBMAUgMavn9Z6uQ9prdm/FcCwvYwQSFHsC"
            + "fxVKCgnk+G9NYjH+e9nsSjp4XH86dQ==";

    private static final String POST_URL = "/v3/pay/transactions/native";
    private static final String POST_NONCE = "fK6tMG1sGkxgHmSRV0SbhXv3aLHbkC4f";
    private static final String POST_BODY = "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1900000001\","
            + "\"description\":\"Image形象店-深圳腾大-QQ公仔\",\"out_trade_no\":\"1217752501201407033233368018\","
            + "\"notify_url\":\"https://www.weixin.qq.com/wxpay/pay.php\",\"amount\":{\"total\":1,\"currency\":\"CNY\"}}";
    private static final int POST_MESSAGE_BYTES = 321;
    private static final String POST_MESSAGE_SHA256 = "8eecc5a5fb67d73616fdf20b5d46ff6f8ce0eda12dab31dada26ec62f7f311d5";
    private static final String POST_SIGNATURE =
            "UCyDRd7k23UagYCgCZetK0urT2bxhriKqgauOEz6rRRNx7Tl4jWDA/wLnyiH3GH93JeGbVmqcz/3PLQgff/K/tLXI0GND89c2Sf0srpe"
            + "Mqoy63FbtwCTohpwbFZG3uBg8rY4RKhjNYCEWrEu/KF+PKmBtDZM9PmdFuwDAO0l+/KljPCbMb8Gt8SQehYiXMuThQG+xOKBVE0blK59"
            + "FoYjd/mOdY2vMu6TvJJTkRL1aM7IAVZhMrrP1odO9r50Im8Hzo48w2s5uRiz6Hx2PdOE2gXGTp3w1iqiYb+lioWDZtvKNAqNTqizjMVx"
            + "ozt7MbLJ//GcIyl5LzcHxqq3fiP7OQ==";

    /** A signed 204: {@code printf '1795337010\nWbnBQz1FDXNT5vCZRjKqGpL3hoYxa8ic\n\n'}. */
    private static final String RESPONSE_TIMESTAMP = "1795337010";
    private static final String RESPONSE_NONCE = "WbnBQz1FDXNT5vCZRjKqGpL3hoYxa8ic";
    private static final String RESPONSE_204_SHA256 = "cbe44934014a7954315838e0751e6709938346206234d0ae99db2c7c13a4cc9a";
    private static final String RESPONSE_204_SIGNATURE =
            "HoWka2Zc49iprg9qVNC9dGqKG9/ugwniPePTjz3V9/EQnNcXsUejgNhSK+38mR98pH5OVy3xjblQu0mdpRwNBeYmVyzTz7OW5eSCmepd"
            + "ufrQpe3u+lZv7W8k3A3agonPQWAdJB36HzdTRtpGALYk0LYnG4zw5/Nvugq3nOsisJPF6aZT+TcIOavs3JQDyR3SJjHz8R+T2UByVqEU"
            + "YNuLXg7PE919CU01cY/rM/5cAWYHucKbN/mcWB20d5S31bqZ9XpsjYrtZOUQckplf9d03clClClIhrRsxKN8LKHtxiHoMZ5acYmSU66D"
            + "ney+ucS7+RSW8+Y/5BA6R4DWiEHbnw==";

    private static SigningKey merchantKey;
    private static PublicKey merchantPublicKey;

    @BeforeAll
    static void loadKeys() {
        merchantKey = Kat.merchantSigningKey();
        merchantPublicKey = Kat.merchantPublicKey();
    }

    @Test
    void signatureOfFixedMessageMatchesOpenssl() {
        assertThat(ApiV3Signatures.sign(merchantKey, Kat.utf8(FIXED_MESSAGE))).isEqualTo(FIXED_MESSAGE_SIGNATURE);
    }

    @Test
    void opensslSignatureOfFixedMessageVerifies() {
        assertThat(ApiV3Signatures.verify(merchantPublicKey, Kat.utf8(FIXED_MESSAGE), FIXED_MESSAGE_SIGNATURE))
                .isTrue();
    }

    @Test
    void getRequestMessageIsFiveLinesWithEmptyBody() {
        byte[] message = ApiV3Signatures.requestMessage("GET", GET_URL, GET_TIMESTAMP, GET_NONCE, new byte[0], 0, 0);
        assertThat(message).isEqualTo(Kat.utf8("GET\n" + GET_URL + "\n" + GET_TIMESTAMP + "\n" + GET_NONCE + "\n\n"));
    }

    @Test
    void getRequestMessageDigestMatchesSha256sum() {
        byte[] message = ApiV3Signatures.requestMessage("GET", GET_URL, GET_TIMESTAMP, GET_NONCE, null, 0, 0);
        assertThat(sha256Hex(message)).isEqualTo(GET_MESSAGE_SHA256);
    }

    @Test
    void getRequestSignatureMatchesOpenssl() {
        byte[] message = ApiV3Signatures.requestMessage("GET", GET_URL, GET_TIMESTAMP, GET_NONCE, new byte[0], 0, 0);
        assertThat(ApiV3Signatures.sign(merchantKey, message)).isEqualTo(GET_SIGNATURE);
    }

    @Test
    void getRequestOpensslSignatureVerifies() {
        byte[] message = ApiV3Signatures.requestMessage("GET", GET_URL, GET_TIMESTAMP, GET_NONCE, new byte[0], 0, 0);
        assertThat(ApiV3Signatures.verify(merchantPublicKey, message, GET_SIGNATURE)).isTrue();
    }

    @Test
    void requestMessageWithEmptyBodyEndsWithTwoLineFeeds() {
        byte[] message = ApiV3Signatures.requestMessage("DELETE", "/v3/x", "1", "n", new byte[8], 3, 0);
        assertThat(new String(message, StandardCharsets.UTF_8)).endsWith("\nn\n\n").isEqualTo("DELETE\n/v3/x\n1\nn\n\n");
    }

    @Test
    void postRequestMessageCopiesTheBodyRangeVerbatim() {
        byte[] body = Kat.utf8(POST_BODY);
        byte[] framed = new byte[body.length + 7];
        framed[0] = 'x';
        System.arraycopy(body, 0, framed, 5, body.length);
        byte[] message = ApiV3Signatures.requestMessage(
                "POST", POST_URL, GET_TIMESTAMP, POST_NONCE, framed, 5, body.length);
        assertThat(message).hasSize(POST_MESSAGE_BYTES);
        assertThat(sha256Hex(message)).isEqualTo(POST_MESSAGE_SHA256);
    }

    @Test
    void postRequestSignatureMatchesOpenssl() {
        byte[] body = Kat.utf8(POST_BODY);
        byte[] message = ApiV3Signatures.requestMessage(
                "POST", POST_URL, GET_TIMESTAMP, POST_NONCE, body, 0, body.length);
        assertThat(ApiV3Signatures.sign(merchantKey, message)).isEqualTo(POST_SIGNATURE);
    }

    @Test
    void postRequestOpensslSignatureVerifiesAndFailsForAChangedBody() {
        byte[] body = Kat.utf8(POST_BODY.replace("\"total\":1", "\"total\":2"));
        byte[] message = ApiV3Signatures.requestMessage(
                "POST", POST_URL, GET_TIMESTAMP, POST_NONCE, body, 0, body.length);
        assertThat(ApiV3Signatures.verify(merchantPublicKey, message, POST_SIGNATURE)).isFalse();
    }

    @Test
    void responseMessageForEmptyBodyIsTimestampNonceAndBlankLine() {
        assertThat(ApiV3Signatures.responseMessage("ts", "nonce", new byte[0])).isEqualTo(Kat.utf8("ts\nnonce\n\n"));
    }

    @Test
    void responseMessageForNullBodyEqualsEmptyBody() {
        assertThat(ApiV3Signatures.responseMessage("ts", "nonce", null)).isEqualTo(Kat.utf8("ts\nnonce\n\n"));
    }

    @Test
    void responseMessageWithBodyEndsWithLineFeed() {
        assertThat(ApiV3Signatures.responseMessage("1", "n", Kat.utf8("{\"a\":\"成功\"}")))
                .isEqualTo(Kat.utf8("1\nn\n{\"a\":\"成功\"}\n"));
    }

    @Test
    void signed204MatchesOpenssl() {
        byte[] message = ApiV3Signatures.responseMessage(RESPONSE_TIMESTAMP, RESPONSE_NONCE, new byte[0]);
        assertThat(sha256Hex(message)).isEqualTo(RESPONSE_204_SHA256);
        assertThat(ApiV3Signatures.sign(merchantKey, message)).isEqualTo(RESPONSE_204_SIGNATURE);
    }

    @Test
    void authorizationHeaderIsWechatpayJavaLayoutWithOpensslSignature() {
        String header = ApiV3Signatures.authorization(
                "1900000001", merchantKey, "GET", GET_URL, new byte[0], GET_TIMESTAMP, GET_NONCE);
        assertThat(header).isEqualTo("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000001\",nonce_str=\"" + GET_NONCE
                + "\",timestamp=\"" + GET_TIMESTAMP + "\",serial_no=\"" + Kat.MERCHANT_SERIAL
                + "\",signature=\"" + GET_SIGNATURE + "\"");
    }

    @Test
    void authorizationHeaderParsesBackAndVerifies() {
        byte[] body = Kat.utf8(POST_BODY);
        AuthorizationHeader parsed = AuthorizationHeader.parse(ApiV3Signatures.authorization(
                "1900000001", merchantKey, "POST", POST_URL, body, GET_TIMESTAMP, POST_NONCE));
        byte[] message = ApiV3Signatures.requestMessage(
                "POST", POST_URL, parsed.timestamp(), parsed.nonceStr(), body, 0, body.length);
        assertThat(ApiV3Signatures.verify(merchantPublicKey, message, parsed.signature())).isTrue();
    }

    @Test
    void verifyIsFalseForAFlippedSignatureBit() {
        byte[] raw = Base64.getDecoder().decode(FIXED_MESSAGE_SIGNATURE);
        raw[100] ^= 0x01;
        String flipped = Base64.getEncoder().encodeToString(raw);
        assertThat(ApiV3Signatures.verify(merchantPublicKey, Kat.utf8(FIXED_MESSAGE), flipped)).isFalse();
    }

    @Test
    void verifyIsFalseForAChangedMessage() {
        assertThat(ApiV3Signatures.verify(merchantPublicKey, Kat.utf8("paygate known-answer message"),
                FIXED_MESSAGE_SIGNATURE)).isFalse();
    }

    @Test
    void verifyIsFalseForAnotherPublicKey() throws Exception {
        BigInteger modulus = ((RSAPublicKey) merchantPublicKey).getModulus();
        PublicKey other = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(modulus, BigInteger.valueOf(3)));
        assertThat(ApiV3Signatures.verify(other, Kat.utf8(FIXED_MESSAGE), FIXED_MESSAGE_SIGNATURE)).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "not base64            | ***notbase64***",
        "base64 of 255 bytes   | SHORT",
        "base64 of 257 bytes   | LONG",
        "base64 url alphabet   | URLSAFE",
        "empty                 | ''",
        "over 1024 characters  | HUGE",
    })
    void verifyIsFalseNotAnExceptionForBadSignatureText(String why, String kind) {
        String signature = switch (kind) {
            case "SHORT" -> Base64.getEncoder().encodeToString(new byte[255]);
            case "LONG" -> Base64.getEncoder().encodeToString(new byte[257]);
            case "URLSAFE" -> FIXED_MESSAGE_SIGNATURE.replace('+', '-').replace('/', '_');
            case "HUGE" -> "A".repeat(1028);
            default -> kind;
        };
        assertThat(ApiV3Signatures.verify(merchantPublicKey, Kat.utf8(FIXED_MESSAGE), signature)).isFalse();
    }

    @Test
    void verifyIsFalseForNullSignature() {
        assertThat(ApiV3Signatures.verify(merchantPublicKey, Kat.utf8(FIXED_MESSAGE), null)).isFalse();
    }

    @Test
    void verifyRejectsANonRsaKeyAsAConfigurationError() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        PublicKey ecKey = ec.generateKeyPair().getPublic();
        assertThatThrownBy(() -> ApiV3Signatures.verify(ecKey, Kat.utf8(FIXED_MESSAGE), FIXED_MESSAGE_SIGNATURE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signRejectsANonRsaKeyNamingOnlyTheKeyId() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        SigningKey ecKey = SigningKey.of("EC_KEY", ec.generateKeyPair().getPrivate());
        assertThatThrownBy(() -> ApiV3Signatures.sign(ecKey, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signing key EC_KEY cannot sign SHA256withRSA");
    }

    @Test
    void signAndVerifyRoundTripOverAResponse() {
        byte[] message = ApiV3Signatures.responseMessage("1795337011", "abc", Kat.utf8("{\"code_url\":\"weixin://x\"}"));
        String signature = ApiV3Signatures.sign(merchantKey, message);
        assertThat(ApiV3Signatures.verify(merchantPublicKey, message, signature)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] line feed in {0}")
    @CsvSource({"method", "url", "timestamp", "nonce"})
    void requestMessageRejectsALineFeedInATextPart(String part) {
        String lf = "a\nb";
        assertThatThrownBy(() -> ApiV3Signatures.requestMessage(
                part.equals("method") ? lf : "GET",
                part.equals("url") ? lf : "/v3/x",
                part.equals("timestamp") ? lf : "1",
                part.equals("nonce") ? lf : "n",
                new byte[0], 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line feed");
    }

    @Test
    void responseMessageRejectsALineFeedInTheNonce() {
        assertThatThrownBy(() -> ApiV3Signatures.responseMessage("1", "a\nb", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestMessageRejectsABodyRangeOutOfBounds() {
        assertThatThrownBy(() -> ApiV3Signatures.requestMessage("GET", "/", "1", "n", new byte[4], 2, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest(name = "[{index}] request={0} now={1} max={2} -> {3}")
    @CsvSource({
        "1000, 1300, 300, true",
        "1300, 1000, 300, true",
        "1000, 1301, 300, false",
        "1301, 1000, 300, false",
        "1000, 1000, 0, true",
        "1000, 1001, 0, false",
        "0, 9223372036854775807, 9223372036854775807, true",
        "-1, 9223372036854775807, 9223372036854775807, false",
        "-9223372036854775808, 9223372036854775807, 9223372036854775807, false",
        "9223372036854775807, -9223372036854775808, 9223372036854775807, false",
        "-9223372036854775808, 0, 300, false",
    })
    void withinSkewIsInclusiveAndOverflowSafe(long request, long now, long max, boolean expected) {
        assertThat(ApiV3Signatures.withinSkew(request, now, max)).isEqualTo(expected);
    }

    @Test
    void withinSkewRejectsANegativeWindow() {
        assertThatThrownBy(() -> ApiV3Signatures.withinSkew(1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rsaSignaturesAreTheJdksBytesWhoeverSigns() throws Exception {
        // Conscrypt (when its native library loads) and the JDK must give the same PKCS#1 v1.5 bytes
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        java.security.KeyPair pair = g.generateKeyPair();
        SigningKey key = SigningKey.of("FAST", pair.getPrivate());
        java.util.Random random = new java.util.Random(20261205);
        for (int i = 0; i < 20; i++) {
            byte[] message = new byte[random.nextInt(600)];
            random.nextBytes(message);
            java.security.Signature jdk = java.security.Signature.getInstance("SHA256withRSA", "SunRsaSign");
            jdk.initSign(pair.getPrivate());
            jdk.update(message);
            String expected = java.util.Base64.getEncoder().encodeToString(jdk.sign());
            assertThat(ApiV3Signatures.sign(key, message)).as("message %d", i).isEqualTo(expected);
            assertThat(ApiV3Signatures.verify(pair.getPublic(), message, expected)).isTrue();
        }
    }

    @Test
    void rsaIsSignedByConscryptOnLinuxX86() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux")
                && System.getProperty("os.arch").matches("amd64|x86_64"), "Conscrypt ships natives for this platform");
        org.junit.jupiter.api.Assumptions.assumeFalse("jdk".equals(System.getProperty("paygate.rsa.provider")));
        assertThat(FastRsa.available()).isTrue();
        assertThat(ApiV3Signatures.rsaImplementation()).startsWith("Conscrypt");
        assertThat(FastRsa.translate(Sm.generateSm2(new java.security.SecureRandom()).getPrivate())).as("an SM2 key stays with its own signer").isNull();
    }
}
