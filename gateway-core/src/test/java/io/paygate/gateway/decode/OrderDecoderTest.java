package io.paygate.gateway.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paygate.codec.Json;
import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import io.paygate.codec.command.TradeType;
import io.paygate.gateway.respond.ApiError;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unit tests of the order decoders: one rule per test, each rejection checked for its status, code
 * and the field its message names.
 */
class OrderDecoderTest {

    static final ObjectMapper M = Json.mapper();
    static final String MCHID = "1900000109";
    /** The acceptor's clock in these tests: 2026-01-01T00:00:00Z. */
    static final long NOW = OffsetDateTime.parse("2026-01-01T00:00:00Z").toInstant().toEpochMilli();

    final OrderDecoder production = new OrderDecoder(false);
    final OrderDecoder sandbox = new OrderDecoder(true);

    // ---------------------------------------------------------------- helpers

    static ObjectNode nativeBody() {
        ObjectNode n = M.createObjectNode();
        n.put("appid", "wxd678efh567hg6787");
        n.put("mchid", MCHID);
        n.put("description", "Image形象店-深圳腾大-QQ公仔");
        n.put("out_trade_no", "1217752501201407033233368018");
        n.put("notify_url", "https://www.weixin.qq.com/wxpay/pay.php");
        n.putObject("amount").put("total", 100).put("currency", "CNY");
        return n;
    }

    static ObjectNode jsapiBody() {
        ObjectNode n = nativeBody();
        n.putObject("payer").put("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        return n;
    }

    static ObjectNode h5Body() {
        ObjectNode n = nativeBody();
        ObjectNode scene = n.putObject("scene_info");
        scene.put("payer_client_ip", "14.23.150.211");
        scene.putObject("h5_info").put("type", "Wap");
        return n;
    }

    /** Sets a dotted path, creating objects on the way. */
    static ObjectNode set(ObjectNode root, String path, Object value) {
        String[] parts = path.split("\\.");
        ObjectNode at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = at.get(parts[i]);
            at = next instanceof ObjectNode o ? o : at.putObject(parts[i]);
        }
        at.set(parts[parts.length - 1], M.valueToTree(value));
        return root;
    }

    /** Removes a dotted path. */
    static ObjectNode remove(ObjectNode root, String path) {
        String[] parts = path.split("\\.");
        ObjectNode at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            at = (ObjectNode) at.get(parts[i]);
        }
        at.remove(parts[parts.length - 1]);
        return root;
    }

    static byte[] bytes(JsonNode n) {
        try {
            return M.writeValueAsBytes(n);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Command prepay(OrderDecoder d, TradeType type, byte[] body) {
        Command c = new Command();
        d.prepay(type, body, 0, body.length, MCHID, NOW, c);
        return c;
    }

    Command prepay(TradeType type, ObjectNode body) {
        return prepay(production, type, bytes(body));
    }

    Command prepayNative(ObjectNode body) {
        return prepay(TradeType.NATIVE, body);
    }

    static ApiError rejection(ThrowingCallable call) {
        ApiError.RejectedRequest r = catchThrowableOfType(ApiError.RejectedRequest.class, call);
        assertThat(r).as("expected a RejectedRequest").isNotNull();
        return r.error();
    }

    /** A 400 PARAM_ERROR whose message says {@code field is required}. */
    static void assertMissing(ThrowingCallable call, String field) {
        ApiError e = rejection(call);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("PARAM_ERROR");
        assertThat(e.message()).contains("(" + field + " is required)");
    }

    /** A 400 PARAM_ERROR whose message says {@code field <why>}. */
    static void assertInvalid(ThrowingCallable call, String field, String why) {
        ApiError e = rejection(call);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("PARAM_ERROR");
        assertThat(e.message()).contains("(" + field + " " + why);
    }

    // ---------------------------------------------------------------- valid requests fill the command

    @Nested
    class ValidRequests {

        @Test
        void nativeRequestFillsEveryCommandField() {
            ObjectNode b = nativeBody();
            b.put("attach", "自定义数据");
            b.put("goods_tag", "WXG");
            b.put("time_expire", "2026-01-01T10:00:00+08:00");
            b.put("support_fapiao", true);
            b.putObject("settle_info").put("profit_sharing", true);
            b.putArray("limit_pay").add("no_credit");
            ObjectNode scene = b.putObject("scene_info");
            scene.put("payer_client_ip", "14.23.150.211");
            scene.put("device_id", "013467007045764");
            scene.putObject("store_info").put("id", "0001").put("name", "腾讯大厦分店").put("area_code", "440305")
                    .put("address", "广东省深圳市南山区科技中一道10000号");
            ObjectNode detail = b.putObject("detail");
            detail.put("cost_price", 608800).put("invoice_id", "微信123");
            detail.putArray("goods_detail").addObject().put("merchant_goods_id", "1246464644")
                    .put("wechatpay_goods_id", "1001").put("goods_name", "iPhoneX 256G").put("quantity", 1)
                    .put("unit_price", 528800);

            Command c = prepayNative(b);

            assertThat(c.type).isEqualTo(CommandType.CREATE_ORDER);
            assertThat(c.tradeType).isEqualTo(TradeType.NATIVE);
            assertThat(c.mchid).isEqualTo(MCHID);
            assertThat(c.appid).isEqualTo("wxd678efh567hg6787");
            assertThat(c.description).isEqualTo("Image形象店-深圳腾大-QQ公仔");
            assertThat(c.outTradeNo).isEqualTo("1217752501201407033233368018");
            assertThat(c.attach).isEqualTo("自定义数据");
            assertThat(c.goodsTag).isEqualTo("WXG");
            assertThat(c.notifyUrl).isEqualTo("https://www.weixin.qq.com/wxpay/pay.php");
            assertThat(c.timeExpireMillis)
                    .isEqualTo(OffsetDateTime.parse("2026-01-01T10:00:00+08:00").toInstant().toEpochMilli());
            assertThat(c.amountFen).isEqualTo(100);
            assertThat(c.hasFlag(Command.FLAG_SUPPORT_FAPIAO)).isTrue();
            assertThat(c.hasFlag(Command.FLAG_PROFIT_SHARING)).isTrue();
            assertThat(c.deviceId).isEqualTo("013467007045764");
            assertThat(c.payerClientIp).isEqualTo("14.23.150.211");
            assertThat(c.storeId).isEqualTo("0001");
            assertThat(c.openid).isNull();
            // the acceptor's and the journal's fields are not the decoder's business
            assertThat(c.sequence).isZero();
            assertThat(c.acceptedAtMillis).isZero();
            assertThat(c.token).isNull();
            assertThat(c.transactionId).isNull();
        }

        @Test
        void minimalNativeRequestLeavesOptionalFieldsEmpty() {
            Command c = prepayNative(nativeBody());
            assertThat(c.type).isEqualTo(CommandType.CREATE_ORDER);
            assertThat(c.attach).isNull();
            assertThat(c.goodsTag).isNull();
            assertThat(c.timeExpireMillis).isZero();
            assertThat(c.flags).isZero();
            assertThat(c.deviceId).isNull();
            assertThat(c.payerClientIp).isNull();
            assertThat(c.storeId).isNull();
            assertThat(c.openid).isNull();
        }

        @Test
        void falseFlagsSetNoBits() {
            ObjectNode b = nativeBody();
            b.put("support_fapiao", false);
            b.putObject("settle_info").put("profit_sharing", false);
            assertThat(prepayNative(b).flags).isZero();
        }

        @Test
        void jsapiRequestCarriesTheOpenid() {
            Command c = prepay(TradeType.JSAPI, jsapiBody());
            assertThat(c.type).isEqualTo(CommandType.CREATE_ORDER);
            assertThat(c.tradeType).isEqualTo(TradeType.JSAPI);
            assertThat(c.openid).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
            assertThat(c.mchid).isEqualTo(MCHID);
            assertThat(c.amountFen).isEqualTo(100);
            assertThat(c.outTradeNo).isEqualTo("1217752501201407033233368018");
        }

        @Test
        void appRequestNeedsNoPayer() {
            Command c = prepay(TradeType.APP, nativeBody());
            assertThat(c.tradeType).isEqualTo(TradeType.APP);
            assertThat(c.openid).isNull();
        }

        @Test
        void h5RequestCarriesTheSceneInfo() {
            ObjectNode b = h5Body();
            ((ObjectNode) b.get("scene_info")).put("device_id", "013467007045764");
            Command c = prepay(TradeType.MWEB, b);
            assertThat(c.type).isEqualTo(CommandType.CREATE_ORDER);
            assertThat(c.tradeType).isEqualTo(TradeType.MWEB);
            assertThat(c.payerClientIp).isEqualTo("14.23.150.211");
            assertThat(c.deviceId).isEqualTo("013467007045764");
            assertThat(c.openid).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"iOS", "Android", "Wap"})
        void everyH5TypeIsAccepted(String type) {
            ObjectNode b = set(h5Body(), "scene_info.h5_info.type", type);
            assertThat(prepay(TradeType.MWEB, b).tradeType).isEqualTo(TradeType.MWEB);
        }

        @Test
        void bodyIsReadFromTheGivenOffsetAndLength() {
            byte[] json = bytes(nativeBody());
            byte[] framed = new byte[json.length + 20];
            java.util.Arrays.fill(framed, (byte) '!');
            System.arraycopy(json, 0, framed, 7, json.length);
            Command c = new Command();
            production.prepay(TradeType.NATIVE, framed, 7, json.length, MCHID, NOW, c);
            assertThat(c.outTradeNo).isEqualTo("1217752501201407033233368018");
        }

        @Test
        void unknownFieldsAreIgnored() {
            ObjectNode b = nativeBody();
            b.put("some_future_field", "x");
            b.putObject("amount").put("total", 1).put("payer_currency", "CNY");
            assertThat(prepayNative(b).amountFen).isEqualTo(1);
        }
    }

    // ---------------------------------------------------------------- required fields

    @Nested
    class RequiredFields {

        @ParameterizedTest
        @ValueSource(strings = {"appid", "mchid", "description", "out_trade_no", "notify_url", "amount",
                "amount.total"})
        void missingRequiredFieldIsRejected(String field) {
            ObjectNode b = remove(nativeBody(), field);
            assertMissing(() -> prepayNative(b), field);
        }

        @ParameterizedTest
        @ValueSource(strings = {"appid", "mchid", "description", "out_trade_no", "notify_url"})
        void emptyRequiredFieldCountsAsMissing(String field) {
            ObjectNode b = set(nativeBody(), field, "");
            assertMissing(() -> prepayNative(b), field);
        }

        @Test
        void emptyBodyIsRejected() {
            ApiError e = rejection(() -> prepay(production, TradeType.NATIVE, new byte[0]));
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("PARAM_ERROR");
            assertThat(e.message()).contains("empty request body");
        }

        @ParameterizedTest
        @ValueSource(strings = {"null", "[]", "{", "{\"mchid\":\"1\",\"mchid\":\"2\"}", "\"text\""})
        void bodyThatIsNotOneJsonObjectIsRejected(String body) {
            ApiError e = rejection(() -> prepay(production, TradeType.NATIVE, body.getBytes(StandardCharsets.UTF_8)));
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("PARAM_ERROR");
        }

        @Test
        void amountAsStringIsRejectedNamingTheField() {
            ObjectNode b = set(nativeBody(), "amount.total", "100");
            ApiError e = rejection(() -> prepayNative(b));
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.message()).contains("amount.total");
        }

        @Test
        void fractionalAmountIsRejected() {
            ObjectNode b = set(nativeBody(), "amount.total", 1.5);
            ApiError e = rejection(() -> prepayNative(b));
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("PARAM_ERROR");
        }
    }

    // ---------------------------------------------------------------- length bounds

    /** Field, maximum length, and a character that is valid in it. */
    static Stream<Arguments> textBounds() {
        return Stream.of(
                Arguments.of("appid", 32, "a"),
                Arguments.of("description", 127, "d"),
                Arguments.of("attach", 128, "a"),
                Arguments.of("goods_tag", 32, "g"),
                Arguments.of("out_trade_no", 32, "1"),
                Arguments.of("scene_info.device_id", 32, "d"),
                Arguments.of("scene_info.payer_client_ip", 45, "1"),
                Arguments.of("scene_info.store_info.id", 32, "s"),
                Arguments.of("scene_info.store_info.name", 256, "n"),
                Arguments.of("scene_info.store_info.area_code", 32, "4"),
                Arguments.of("scene_info.store_info.address", 512, "a"),
                Arguments.of("detail.invoice_id", 32, "i"));
    }

    @Nested
    class LengthBounds {

        /** A valid body with a store, so that each store field can be checked on its own. */
        ObjectNode withStore() {
            return set(nativeBody(), "scene_info.store_info.id", "S1");
        }

        @ParameterizedTest(name = "{0} of {1} characters is accepted")
        @MethodSource("io.paygate.gateway.decode.OrderDecoderTest#textBounds")
        void atMaximumIsAccepted(String field, int max, String ch) {
            ObjectNode b = set(withStore(), field, ch.repeat(max));
            assertThatCode(() -> prepayNative(b)).doesNotThrowAnyException();
        }

        @ParameterizedTest(name = "{0} of {1}+1 characters is rejected")
        @MethodSource("io.paygate.gateway.decode.OrderDecoderTest#textBounds")
        void overMaximumIsRejected(String field, int max, String ch) {
            ObjectNode b = set(withStore(), field, ch.repeat(max + 1));
            ApiError e = rejection(() -> prepayNative(b));
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("PARAM_ERROR");
            assertThat(e.message()).contains("(" + field + " ").contains(Integer.toString(max));
        }

        @Test
        void mchidOf32CharactersIsAccepted() {
            String mchid = "1".repeat(32);
            byte[] body = bytes(set(nativeBody(), "mchid", mchid));
            Command c = new Command();
            production.prepay(TradeType.NATIVE, body, 0, body.length, mchid, NOW, c);
            assertThat(c.mchid).isEqualTo(mchid);
        }

        @Test
        void mchidOf33CharactersIsRejected() {
            String mchid = "1".repeat(33);
            byte[] body = bytes(set(nativeBody(), "mchid", mchid));
            assertInvalid(() -> production.prepay(TradeType.NATIVE, body, 0, body.length, mchid, NOW, new Command()),
                    "mchid", "must be 1-32 characters");
        }

        @Test
        void notifyUrlOf255CharactersIsAccepted() {
            String prefix = "https://example.com/";
            String url = prefix + "p".repeat(255 - prefix.length());
            assertThat(url).hasSize(255);
            assertThat(prepayNative(set(nativeBody(), "notify_url", url)).notifyUrl).isEqualTo(url);
        }

        @Test
        void notifyUrlOf256CharactersIsRejected() {
            String prefix = "https://example.com/";
            String url = prefix + "p".repeat(256 - prefix.length());
            assertInvalid(() -> prepayNative(set(nativeBody(), "notify_url", url)), "notify_url",
                    "is longer than 255 characters");
        }

        @Test
        void openidOf128CharactersIsAccepted() {
            ObjectNode b = set(jsapiBody(), "payer.openid", "o".repeat(128));
            assertThat(prepay(TradeType.JSAPI, b).openid).hasSize(128);
        }

        @Test
        void openidOf129CharactersIsRejected() {
            ObjectNode b = set(jsapiBody(), "payer.openid", "o".repeat(129));
            assertInvalid(() -> prepay(TradeType.JSAPI, b), "payer.openid", "must be 1-128 characters");
        }

        @Test
        void goodsDetailTextBoundsHold() {
            ObjectNode ok = nativeBody();
            ok.putObject("detail").putArray("goods_detail").addObject().put("merchant_goods_id", "m".repeat(32))
                    .put("goods_name", "n".repeat(256)).put("quantity", 1).put("unit_price", 1);
            assertThatCode(() -> prepayNative(ok)).doesNotThrowAnyException();

            ObjectNode longId = nativeBody();
            longId.putObject("detail").putArray("goods_detail").addObject().put("merchant_goods_id", "m".repeat(33))
                    .put("quantity", 1).put("unit_price", 1);
            assertInvalid(() -> prepayNative(longId), "detail.goods_detail.merchant_goods_id",
                    "is longer than 32 characters");

            ObjectNode longName = nativeBody();
            longName.putObject("detail").putArray("goods_detail").addObject().put("merchant_goods_id", "m")
                    .put("goods_name", "n".repeat(257)).put("quantity", 1).put("unit_price", 1);
            assertInvalid(() -> prepayNative(longName), "detail.goods_detail.goods_name",
                    "is longer than 256 characters");
        }
    }

    // ---------------------------------------------------------------- out_trade_no alphabet

    @Nested
    class OutTradeNo {

        @ParameterizedTest
        @ValueSource(strings = {"123456", "12345678901234567890123456789012", "AB|*-_", "a-b_c|d*e", "Az09Az"})
        void validValuesAreAccepted(String value) {
            assertThat(prepayNative(set(nativeBody(), "out_trade_no", value)).outTradeNo).isEqualTo(value);
        }

        @ParameterizedTest
        @ValueSource(strings = {"12345", "123456789012345678901234567890123"})
        void lengthOutside6To32IsRejected(String value) {
            assertInvalid(() -> prepayNative(set(nativeBody(), "out_trade_no", value)), "out_trade_no",
                    "must be 6-32 characters");
        }

        @ParameterizedTest
        @ValueSource(strings = {" ", ".", "/", "\\", "@", "#", "$", "%", "&", "+", "=", "?", ":", ";", ",", "'",
                "\"", "<", ">", "(", ")", "[", "]", "{", "}", "~", "`", "!", "^", "中", "é", "\u0000", "\t"})
        void forbiddenCharacterIsRejected(String ch) {
            String value = "ORDER" + ch + "01";
            assertInvalid(() -> prepayNative(set(nativeBody(), "out_trade_no", value)), "out_trade_no",
                    "may contain only letters, digits and _-|*");
        }
    }

    // ---------------------------------------------------------------- free text

    @Nested
    class FreeText {

        @ParameterizedTest
        @ValueSource(strings = {"description", "attach"})
        void chineseIsAccepted(String field) {
            ObjectNode b = set(nativeBody(), field, "腾讯充值中心-QQ会员充值");
            assertThatCode(() -> prepayNative(b)).doesNotThrowAnyException();
        }

        @Test
        void descriptionLengthCountsCodePointsNotChars() {
            String emoji127 = "😀".repeat(127); // 254 UTF-16 chars, 127 code points
            assertThat(prepayNative(set(nativeBody(), "description", emoji127)).description).isEqualTo(emoji127);
            String emoji128 = "😀".repeat(128);
            assertInvalid(() -> prepayNative(set(nativeBody(), "description", emoji128)), "description",
                    "is longer than 127 characters");
        }

        @Test
        void attachLengthCountsCodePointsNotChars() {
            String emoji128 = "🎉".repeat(128);
            assertThat(prepayNative(set(nativeBody(), "attach", emoji128)).attach).isEqualTo(emoji128);
            assertInvalid(() -> prepayNative(set(nativeBody(), "attach", "🎉".repeat(129))), "attach",
                    "is longer than 128 characters");
        }

        @Test
        void chineseDescriptionOf127CharactersIsAccepted() {
            String text = "中".repeat(127); // 381 UTF-8 bytes
            assertThat(prepayNative(set(nativeBody(), "description", text)).description).isEqualTo(text);
            assertInvalid(() -> prepayNative(set(nativeBody(), "description", "中".repeat(128))), "description",
                    "is longer than 127 characters");
        }

        static Stream<Arguments> controlCharacters() {
            return Stream.of("description", "attach").flatMap(field -> Stream.of(
                    "\u0000", "\u0001", "\t", "\n", "\r", "\u001b", "\u001f", "\u007f")
                    .map(c -> Arguments.of(field, c)));
        }

        @ParameterizedTest(name = "{0} with U+{1} is rejected")
        @MethodSource("controlCharacters")
        void controlCharacterIsRejected(String field, String control) {
            ObjectNode b = set(nativeBody(), field, "ab" + control + "cd");
            assertInvalid(() -> prepayNative(b), field, "contains a control character");
        }

        @ParameterizedTest(name = "{0} with a C1 control is rejected")
        @ValueSource(strings = {"description", "attach"})
            void queryByNonDigitTransactionIdIsRejected(String id) {
            assertInvalid(() -> production.queryByTransactionId(id, MCHID, MCHID, new Command()), "transaction_id",
                    "must be digits only");
        }

        @Test
        void queryByTransactionIdOf33DigitsIsRejected() {
            assertInvalid(() -> production.queryByTransactionId("1".repeat(33), MCHID, MCHID, new Command()),
                    "transaction_id", "must be 1-32 digits");
        }

        @Test
        void queryByTransactionIdOf32DigitsIsAccepted() {
            Command c = new Command();
            production.queryByTransactionId("1".repeat(32), MCHID, MCHID, c);
            assertThat(c.transactionId).hasSize(32);
        }

        @Test
        void queryByTransactionIdOfOtherMerchantIsNoAuth() {
            ApiError e = rejection(() -> production.queryByTransactionId("42", "1900000110", MCHID, new Command()));
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("NO_AUTH");
        }

        @Test
        void queryByTransactionIdWithoutMchidIsRejected() {
            assertMissing(() -> production.queryByTransactionId("42", null, MCHID, new Command()), "mchid");
        }
    }

    // ---------------------------------------------------------------- partner (service-provider) bodies

    static ObjectNode partnerJsapiBody() {
        ObjectNode n = nativeBody();
        n.remove("appid");
        n.remove("mchid");
        n.put("sp_appid", "wx8888888888888888");
        n.put("sp_mchid", MCHID);
        n.put("sub_mchid", "1900000201");
        n.putObject("payer").put("sp_openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        return n;
    }

    Command partnerPrepay(TradeType type, ObjectNode body) {
        byte[] b = bytes(body);
        Command c = new Command();
        production.prepay(type, true, b, 0, b.length, MCHID, NOW, c);
        return c;
    }

    @Test
    void partnerBodyNamesTheProviderAndTheSubMerchant() {
        Command c = partnerPrepay(TradeType.JSAPI, partnerJsapiBody());
        assertThat(c.spMchid).isEqualTo(MCHID);
        assertThat(c.mchid).as("the sub-merchant owns the order").isEqualTo("1900000201");
        assertThat(c.appid).isEqualTo("wx8888888888888888");
        assertThat(c.subAppid).isNull();
        assertThat(c.openid).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        assertThat(c.hasFlag(Command.FLAG_SUB_OPENID)).isFalse();

        ObjectNode sub = partnerJsapiBody();
        sub.put("sub_appid", "wx9999999999999999");
        sub.putObject("payer").put("sub_openid", "oSUB_OPENID_0000000000000001");
        Command bySub = partnerPrepay(TradeType.JSAPI, sub);
        assertThat(bySub.subAppid).isEqualTo("wx9999999999999999");
        assertThat(bySub.openid).isEqualTo("oSUB_OPENID_0000000000000001");
        assertThat(bySub.hasFlag(Command.FLAG_SUB_OPENID)).isTrue();
    }

    @Test
    void partnerBodyMistakesAreRefused() {
        assertMissing(() -> partnerPrepay(TradeType.JSAPI, remove(partnerJsapiBody(), "sub_mchid")), "sub_mchid");
        assertMissing(() -> partnerPrepay(TradeType.JSAPI, remove(partnerJsapiBody(), "sp_appid")), "sp_appid");
        assertMissing(() -> partnerPrepay(TradeType.JSAPI, remove(partnerJsapiBody(), "payer.sp_openid")),
                "payer.sp_openid");
        ApiError notSigner = rejection(() -> partnerPrepay(TradeType.JSAPI,
                set(partnerJsapiBody(), "sp_mchid", "1900000999")));
        assertThat(notSigner.status()).isEqualTo(403);
        assertThat(notSigner.code()).isEqualTo("NO_AUTH");
        ApiError subWithoutApp = rejection(() -> partnerPrepay(TradeType.JSAPI,
                set(remove(partnerJsapiBody(), "payer.sp_openid"), "payer.sub_openid", "oSUB")));
        assertThat(subWithoutApp.code()).isEqualTo("PARAM_ERROR");
        assertThat(subWithoutApp.message()).contains("sub_appid");
        ApiError both = rejection(() -> partnerPrepay(TradeType.JSAPI,
                set(set(partnerJsapiBody(), "sub_appid", "wx9999999999999999"), "payer.sub_openid", "oSUB")));
        assertThat(both.code()).isEqualTo("PARAM_ERROR");
        assertThat(both.message()).contains("not both");
    }
}
