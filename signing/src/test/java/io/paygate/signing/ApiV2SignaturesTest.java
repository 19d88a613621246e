package io.paygate.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * APIv2 signatures, reference §3. The official sample vectors are from the reference; the others
 * were computed with Python's {@code hashlib.md5} and {@code hmac.new(key, s, sha256)} over the
 * string written out in each test's comment.
 */
class ApiV2SignaturesTest {

    private static final String KEY = "192006250b4c09247ec02edce69f6a2d";

    /** appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA&key=... */
    private static Map<String, String> officialSample() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("nonce_str", "ibuaiVcKdpRxkhJA");
        params.put("mch_id", "10000100");
        params.put("device_info", "1000");
        params.put("body", "test");
        params.put("appid", "wxd930ea5d5a258f4f");
        return params;
    }

    @Test
    void md5OfOfficialSample() {
        assertThat(ApiV2Signatures.md5(officialSample(), KEY)).isEqualTo("9A0A8659F005D6984697E2CA0A9CF3B7");
    }

    @Test
    void hmacSha256OfOfficialSample() {
        assertThat(ApiV2Signatures.hmacSha256(officialSample(), KEY))
                .isEqualTo("6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6");
    }

    @Test
    void signEmptyAndNullValuesAreLeftOut() {
        Map<String, String> params = new HashMap<>(officialSample());
        params.put("sign", "9A0A8659F005D6984697E2CA0A9CF3B7");
        params.put("attach", "");
        params.put("detail", null);
        assertThat(ApiV2Signatures.md5(params, KEY)).isEqualTo("9A0A8659F005D6984697E2CA0A9CF3B7");
    }

    /** body=腾讯充值中心-QQ会员充值&mch_id=10000100&sign_type=HMAC-SHA256&key=... (UTF-8). */
    @Test
    void signTypeIsIncludedAndValuesAreUtf8() {
        Map<String, String> params = Map.of(
                "sign_type", "HMAC-SHA256", "mch_id", "10000100", "body", "腾讯充值中心-QQ会员充值");
        assertThat(ApiV2Signatures.md5(params, KEY)).isEqualTo("EB60B89D58DA88324C428A654E900542");
        assertThat(ApiV2Signatures.hmacSha256(params, KEY))
                .isEqualTo("4BEB2EE5E390696BD3F834831754F77829FAF66230F5628CFCC9DF1F3C5F3160");
    }

    /** B=2&a=3&b=1&key=...: ASCII order puts uppercase before lowercase. */
    @Test
    void namesSortInCaseSensitiveAsciiOrder() {
        Map<String, String> params = Map.of("b", "1", "B", "2", "a", "3");
        assertThat(ApiV2Signatures.md5(params, KEY)).isEqualTo("E01D9306D392106245BE43E1F4F42BF6");
        assertThat(ApiV2Signatures.hmacSha256(params, KEY))
                .isEqualTo("6A369C6D883CCB581C48494D6F0F1A8E232C17C250BD1BA77632945C8BC92586");
    }

    @Test
    void emptyKeyIsRejectedWithoutEcho() {
        assertThatThrownBy(() -> ApiV2Signatures.md5(officialSample(), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("APIv2 key is missing");
    }

    @Test
    void constantTimeEqualsOnEqualStrings() {
        assertThat(ApiV2Signatures.constantTimeEquals("9A0A8659F005D6984697E2CA0A9CF3B7",
                new String("9A0A8659F005D6984697E2CA0A9CF3B7".toCharArray()))).isTrue();
    }

    @Test
    void constantTimeEqualsOnDifferentStrings() {
        assertThat(ApiV2Signatures.constantTimeEquals("9A0A8659F005D6984697E2CA0A9CF3B7",
                "9A0A8659F005D6984697E2CA0A9CF3B8")).isFalse();
    }

    @Test
    void constantTimeEqualsIsCaseSensitive() {
        assertThat(ApiV2Signatures.constantTimeEquals("ABCDEF", "abcdef")).isFalse();
    }

    @Test
    void constantTimeEqualsOnDifferentLengths() {
        assertThat(ApiV2Signatures.constantTimeEquals("ABC", "ABCD")).isFalse();
    }

    @Test
    void constantTimeEqualsNeverMatchesNull() {
        assertThat(ApiV2Signatures.constantTimeEquals(null, null)).isFalse();
    }
}
