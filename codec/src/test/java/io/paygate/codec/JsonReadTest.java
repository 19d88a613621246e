package io.paygate.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.paygate.codec.v3.MchidRequest;
import io.paygate.codec.v3.PrepayRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request bodies through {@link Json#read}: what an SDK sends is accepted, everything else refused safely. */
class JsonReadTest {

    /** An identifier-shaped token, so a parser that quotes the offending token would quote all of it. */
    private static final String HOSTILE = "hostileTOKEN31337";
    private static final int MESSAGE_CHARS_MAX = 300;

    /** A native prepay body as wechatpay-java's Gson writes it, plus fields this model does not know. */
    private static final String NATIVE_PREPAY = """
            {"appid":"wxd678efh567hg6787","mchid":"1900000109",\
            "description":"Image形象店-深圳腾大-QQ公仔","out_trade_no":"1217752501201407033233368018",\
            "time_expire":"2018-06-08T10:34:56+08:00","attach":"自定义数据说明 k\\u003dv",\
            "notify_url":"https://www.weixin.qq.com/wxpay/pay.php","goods_tag":"WXG","support_fapiao":false,\
            "limit_pay":["no_credit"],\
            "amount":{"total":100,"currency":"CNY","payer_currency":"CNY"},\
            "detail":{"cost_price":608800,"invoice_id":"微信123","goods_detail":[\
            {"merchant_goods_id":"1246464644","wechatpay_goods_id":"1001","goods_name":"iPhoneX 256G",\
            "quantity":1,"unit_price":528800},\
            {"merchant_goods_id":"商品编码","goods_name":"Apple iPhone 🍎","quantity":2,"unit_price":1}]},\
            "scene_info":{"payer_client_ip":"14.23.150.211","device_id":"013467007045764",\
            "store_info":{"id":"0001","name":"腾讯大厦分店","area_code":"440305",\
            "address":"广东省深圳市南山区科技中一道10000号"},"future":{"a":[1,2,{"b":null}]}},\
            "settle_info":{"profit_sharing":true},\
            "promotion_flag":"unknown fields are ignored","sp_extension":[{"x":1.5}]}""";

    private static byte[] utf8(String s) {
        return s.getBytes(UTF_8);
    }

    private static PrepayRequest prepay(String body) {
        byte[] b = utf8(body);
        return Json.read(b, 0, b.length, PrepayRequest.class);
    }

    /** The message of the rejection of {@code body}, checked to be short and to quote none of {@code hostile}. */
    private static String rejection(byte[] body, int offset, int length, String... hostile) {
        try {
            Json.read(body, offset, length, PrepayRequest.class);
        } catch (JsonInputException e) {
            String message = e.getMessage();
            assertThat(message).isNotBlank().hasSizeLessThan(MESSAGE_CHARS_MAX);
            for (String h : hostile) {
                assertThat(message).doesNotContain(h);
            }
            return message;
        }
        throw new AssertionError("accepted: " + new String(body, offset, Math.min(length, 200), UTF_8));
    }

    private static String rejection(String body, String... hostile) {
        byte[] b = utf8(body);
        return rejection(b, 0, b.length, hostile);
    }

    // ---- accepted -----------------------------------------------------------------------------

    @Test
    void nativePrepayBodyAsTheSdkSendsIt() {
        PrepayRequest r = prepay(NATIVE_PREPAY);
        assertThat(r.appid).isEqualTo("wxd678efh567hg6787");
        assertThat(r.mchid).isEqualTo("1900000109");
        assertThat(r.description).isEqualTo("Image形象店-深圳腾大-QQ公仔");
        assertThat(r.outTradeNo).isEqualTo("1217752501201407033233368018");
        assertThat(r.timeExpire).isEqualTo("2018-06-08T10:34:56+08:00");
        assertThat(r.attach).isEqualTo("自定义数据说明 k=v");
        assertThat(r.notifyUrl).isEqualTo("https://www.weixin.qq.com/wxpay/pay.php");
        assertThat(r.goodsTag).isEqualTo("WXG");
        assertThat(r.supportFapiao).isFalse();
        assertThat(r.limitPay).containsExactly("no_credit");
        assertThat(r.amount.total).isEqualTo(100L);
        assertThat(r.amount.currency).isEqualTo("CNY");
        assertThat(r.payer).isNull();
        assertThat(r.detail.costPrice).isEqualTo(608_800L);
        assertThat(r.detail.invoiceId).isEqualTo("微信123");
        assertThat(r.detail.goodsDetail).hasSize(2);
        PrepayRequest.GoodsDetail g = r.detail.goodsDetail.get(0);
        assertThat(g.merchantGoodsId).isEqualTo("1246464644");
        assertThat(g.wechatpayGoodsId).isEqualTo("1001");
        assertThat(g.goodsName).isEqualTo("iPhoneX 256G");
        assertThat(g.quantity).isEqualTo(1L);
        assertThat(g.unitPrice).isEqualTo(528_800L);
        assertThat(r.detail.goodsDetail.get(1).goodsName).isEqualTo("Apple iPhone 🍎");
        assertThat(r.detail.goodsDetail.get(1).wechatpayGoodsId).isNull();
        assertThat(r.sceneInfo.payerClientIp).isEqualTo("14.23.150.211");
        assertThat(r.sceneInfo.deviceId).isEqualTo("013467007045764");
        assertThat(r.sceneInfo.h5Info).isNull();
        assertThat(r.sceneInfo.storeInfo.id).isEqualTo("0001");
        assertThat(r.sceneInfo.storeInfo.name).isEqualTo("腾讯大厦分店");
        assertThat(r.sceneInfo.storeInfo.areaCode).isEqualTo("440305");
        assertThat(r.sceneInfo.storeInfo.address).isEqualTo("广东省深圳市南山区科技中一道10000号");
        assertThat(r.settleInfo.profitSharing).isTrue();
    }

    @Test
    void jsapiAndCodepayFieldsArePicked() {
        PrepayRequest r = prepay("""
                {"payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","auth_code":"134567890123456789"},\
                "scene_info":{"device_ip":"10.0.0.1","store_info":{"id":"1","out_id":"o1"},\
                "h5_info":{"type":"iOS","app_name":"王者荣耀","app_url":"https://pay.qq.com","bundle_id":"com.tencent.wzryi",\
                "package_name":"com.tencent.tmgp.sgame"}},"detail":{"goods_detail":[{"wxpay_goods_id":"1001"}]}}""");
        assertThat(r.payer.openid).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        assertThat(r.payer.authCode).isEqualTo("134567890123456789");
        assertThat(r.sceneInfo.deviceIp).isEqualTo("10.0.0.1");
        assertThat(r.sceneInfo.storeInfo.outId).isEqualTo("o1");
        assertThat(r.sceneInfo.h5Info.type).isEqualTo("iOS");
        assertThat(r.sceneInfo.h5Info.appName).isEqualTo("王者荣耀");
        assertThat(r.sceneInfo.h5Info.appUrl).isEqualTo("https://pay.qq.com");
        assertThat(r.sceneInfo.h5Info.bundleId).isEqualTo("com.tencent.wzryi");
        assertThat(r.sceneInfo.h5Info.packageName).isEqualTo("com.tencent.tmgp.sgame");
        assertThat(r.detail.goodsDetail.get(0).wxpayGoodsId).isEqualTo("1001");
    }

    @Test
    void unknownFieldsAreIgnoredAtEveryLevel() {
        PrepayRequest r = prepay("""
                {"mchid":"1900000109","brand_new":{"deep":[[{"x":true}]]},"another":null,\
                "amount":{"total":1,"currency":"CNY","payer_total":1,"extra":[1,"two",3.5]}}""");
        assertThat(r.mchid).isEqualTo("1900000109");
        assertThat(r.amount.total).isEqualTo(1L);
        assertThat(r.amount.currency).isEqualTo("CNY");
    }

    @Test
    void readsOnlyTheGivenSliceOfTheArray() {
        byte[] framed = utf8("garbage{\"mchid\":\"1900000109\"}garbage");
        MchidRequest r = Json.read(framed, 7, framed.length - 14, MchidRequest.class);
        assertThat(r.mchid).isEqualTo("1900000109");
        assertThat(r.appid).isNull();
    }

    @Test
    void limitsThemselvesAreAccepted() {
        assertThat(prepay("{\"x\":" + "[".repeat(Json.NESTING_DEPTH_MAX - 1) + "]".repeat(Json.NESTING_DEPTH_MAX - 1) + "}"))
                .isNotNull();
        assertThat(prepay("{\"description\":\"" + "d".repeat(Json.STRING_LENGTH_MAX) + "\"}").description)
                .hasSize(Json.STRING_LENGTH_MAX);
        assertThat(prepay("{\"amount\":{\"total\":9223372036854775807}}").amount.total).isEqualTo(Long.MAX_VALUE);
        assertThat(prepay("{\"" + "n".repeat(Json.NAME_LENGTH_MAX) + "\":1}")).isNotNull();
    }

    // ---- rejected -----------------------------------------------------------------------------

    @Test
    void duplicateKeysAreRejected() {
        rejection("{\"mchid\":\"1\",\"mchid\":\"2\"}");
        rejection("{\"amount\":{\"total\":1,\"total\":100000}}");
        rejection("{\"" + HOSTILE + "\":1,\"" + HOSTILE + "\":2}", HOSTILE);
        rejection("{\"unknown\":{\"" + HOSTILE + "\":1,\"" + HOSTILE + "\":2}}", HOSTILE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"100\"", "\"" + HOSTILE + "\"", "true", "[100]", "{\"v\":100}"})
    void nonIntegerTokenForAmountTotalIsRejectedWithoutCoercion(String value) {
        String message = rejection("{\"amount\":{\"total\":" + value + "}}", HOSTILE);
        assertThat(message).contains("amount.total");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1.0", "1e2", "100.00"})
    void fractionForAnIntegerIsRejected(String value) {
        assertThat(rejection("{\"amount\":{\"total\":" + value + "}}")).contains("amount.total");
        assertThat(rejection("{\"detail\":{\"goods_detail\":[{\"quantity\":" + value + "}]}}"))
                .contains("detail.goods_detail[0].quantity");
    }

    @Test
    void otherScalarCoercionsAreRejected() {
        assertThat(rejection("{\"description\":123}")).contains("description");
        assertThat(rejection("{\"description\":1.5}")).contains("description");
        assertThat(rejection("{\"description\":true}")).contains("description");
        assertThat(rejection("{\"support_fapiao\":\"true\"}")).contains("support_fapiao");
        assertThat(rejection("{\"support_fapiao\":1}")).contains("support_fapiao");
        assertThat(rejection("{\"limit_pay\":\"no_credit\"}")).contains("limit_pay");
        assertThat(rejection("{\"amount\":[]}")).contains("amount");
    }

    @Test
    void numberOutOfRangeOfLongIsRejectedWithoutEchoingIt() {
        String digits = "98765432109876543210";
        rejection("{\"amount\":{\"total\":" + digits + "}}", digits);
        rejection("{\"amount\":{\"total\":-" + digits + "}}", digits);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{}]", "{\"mchid\":\"1\"} " + HOSTILE, "{\"mchid\":\"1\"}\"x\"", "{}1", "null null"})
    void trailingTokensAreRejected(String body) {
        rejection(body, HOSTILE);
    }

    @Test
    void nestingDeeperThanTheLimitIsRejected() {
        String brackets = "[".repeat(Json.NESTING_DEPTH_MAX);
        rejection("{\"x\":" + brackets + "]".repeat(Json.NESTING_DEPTH_MAX) + "}", "[[[[[[[[");
        rejection("{\"x\":" + "{\"y\":".repeat(40) + "1" + "}".repeat(40) + "}", "{\"y\":{\"y\"");
        rejection("[".repeat(10_000), "[[[[[[[[");
    }

    @Test
    void stringLongerThanTheLimitIsRejected() {
        String longText = HOSTILE.repeat(Json.STRING_LENGTH_MAX / HOSTILE.length() + 1);
        assertThat(longText.length()).isGreaterThan(Json.STRING_LENGTH_MAX);
        rejection("{\"description\":\"" + longText + "\"}", HOSTILE);
        rejection("{\"description\":\"" + "d".repeat(Json.STRING_LENGTH_MAX + 1) + "\"}", "dddddddddd");
        rejection("{\"" + "n".repeat(Json.NAME_LENGTH_MAX + 1) + "\":1}", "nnnnnnnnnn");
    }

    @Test
    void numberLongerThanTheLimitIsRejected() {
        String digits = "1234567890".repeat(4).substring(0, Json.NUMBER_LENGTH_MAX + 1);
        rejection("{\"amount\":{\"total\":" + digits + "}}", digits.substring(0, 12));
        rejection("{\"unknown\":" + digits + "}", digits.substring(0, 12));
        rejection("{\"amount\":{\"total\":1." + digits + "}}", digits.substring(0, 12));
    }

    @Test
    void documentLongerThanTheLimitIsRejected() {
        rejection("{" + " ".repeat(Json.DOCUMENT_LENGTH_MAX) + "}");
    }

    @Test
    void emptyBodyIsRejected() {
        assertThat(rejection(new byte[0], 0, 0)).contains("empty");
        byte[] framed = utf8("{\"mchid\":\"1\"}");
        assertThat(rejection(framed, 5, 0)).contains("empty");
        rejection("   \r\n\t ");
    }

    @Test
    void nullBodyIsRejected() {
        assertThat(rejection("null")).contains("null");
        rejection("  null  ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"mchid\":", "{\"mchid\" \"1\"}", "{mchid:\"1\"}", "{'mchid':'1'}", "{\"mchid\":\"1\",}",
        "{\"amount\":{\"total\":1}", "{\"mchid\":" + HOSTILE + "}", HOSTILE, "{\"mchid\":\"a\u0001b\"}",
        "{\"mchid\":\"\\x41\"}", "{\"amount\":{\"total\":01}}", "{\"amount\":{\"total\":NaN}}",
        "{\"amount\":{\"total\":+1}}", "{/*c*/}", "[]", "\"" + HOSTILE + "\"", "100",
    })
    void malformedOrNonObjectBodyIsRejected(String body) {
        rejection(body, HOSTILE);
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] body = {'{', '"', 'm', 'c', 'h', 'i', 'd', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'};
        rejection(body, 0, body.length);
    }

    @Test
    void rejectionIsAJsonInputExceptionNotAJacksonOne() {
        assertThatThrownBy(() -> prepay("{\"mchid\":" + HOSTILE + "}"))
                .isExactlyInstanceOf(JsonInputException.class)
                .hasNoCause();
    }

    // ---- readTree -----------------------------------------------------------------------------

    @Test
    void readTreeAcceptsAnObjectAndRejectsEverythingElseSafely() {
        byte[] ok = utf8("{\"amount\":100,\"note\":\"备注\"}");
        JsonNode node = Json.readTree(ok, 0, ok.length);
        assertThat(node.get("amount").longValue()).isEqualTo(100L);
        assertThat(node.get("note").textValue()).isEqualTo("备注");

        for (String body : new String[] {"", "null", "[]", "1", "{} {}", "{\"a\":1,\"a\":2}", "{\"a\":" + HOSTILE + "}",
                "{\"" + HOSTILE + "\":1,\"" + HOSTILE + "\":2}", "{\"x\":" + "[".repeat(40) + "]".repeat(40) + "}"}) {
            byte[] b = utf8(body);
            assertThatThrownBy(() -> Json.readTree(b, 0, b.length))
                    .as(body)
                    .isInstanceOf(JsonInputException.class)
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(MESSAGE_CHARS_MAX).doesNotContain(HOSTILE));
        }
    }
}
