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
import org.junit.jupiter.api.Disabled;
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
        @Disabled("BUG (minor): Fields.text rejects only C0 controls and DEL (Fields.java:43); C1 controls "
                + "U+0080-U+009F (e.g. U+0085 NEXT LINE, U+009B CSI) are Unicode control characters and pass")
        void c1ControlCharacterIsRejected(String field) {
            for (String control : new String[] {"\u0080", "\u0085", "\u009b", "\u009f"}) {
                ObjectNode b = set(nativeBody(), field, "ab" + control + "cd");
                assertInvalid(() -> prepayNative(b), field, "contains a control character");
            }
        }

        static Stream<Arguments> loneSurrogates() {
            // JSON escapes: Jackson decodes each into an unpaired UTF-16 surrogate
            return Stream.of("description", "attach").flatMap(field -> Stream.of(
                    "\\ud83d", "\\ude00", "a\\ud83db", "a\\ude00\\ud83d", "\\ud83d\\ud83d", "end\\ud83d")
                    .map(s -> Arguments.of(field, s)));
        }

        @ParameterizedTest(name = "{0} = \"{1}\" is rejected")
        @MethodSource("loneSurrogates")
        void loneSurrogateIsRejected(String field, String escaped) {
            String json = new String(bytes(set(nativeBody(), field, "@@PLACEHOLDER@@")), StandardCharsets.UTF_8)
                    .replace("@@PLACEHOLDER@@", escaped);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            assertInvalid(() -> prepay(production, TradeType.NATIVE, body), field, "contains an unpaired surrogate");
        }

        @Test
        void escapedSurrogatePairIsAccepted() {
            String json = new String(bytes(set(nativeBody(), "description", "@@P@@")), StandardCharsets.UTF_8)
                    .replace("@@P@@", "x\\ud83d\\ude00y");
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            assertThat(prepay(production, TradeType.NATIVE, body).description).isEqualTo("x😀y");
        }

        @Test
        void emptyOptionalTextIsRejected() {
            assertInvalid(() -> prepayNative(set(nativeBody(), "attach", "")), "attach", "must not be empty");
            assertInvalid(() -> prepayNative(set(nativeBody(), "goods_tag", "")), "goods_tag", "must not be empty");
        }

        @Test
        void appidWithForbiddenCharacterIsRejected() {
            assertInvalid(() -> prepayNative(set(nativeBody(), "appid", "wx-123")), "appid",
                    "may contain only letters, digits and _");
        }
    }

    // ---------------------------------------------------------------- notify_url

    @Nested
    class NotifyUrl {

        @ParameterizedTest
        @ValueSource(strings = {"https://example.com/notify", "https://example.com", "HTTPS://EXAMPLE.COM/n",
                "https://example.com:8443/pay/notify", "https://127.0.0.1/n", "https://[::1]/n"})
        void httpsIsAccepted(String url) {
            assertThat(prepayNative(set(nativeBody(), "notify_url", url)).notifyUrl).isEqualTo(url);
        }

        @Test
        void httpIsAcceptedInSandbox() {
            byte[] body = bytes(set(nativeBody(), "notify_url", "http://127.0.0.1:9000/notify"));
            assertThat(prepay(sandbox, TradeType.NATIVE, body).notifyUrl).isEqualTo("http://127.0.0.1:9000/notify");
        }

        @Test
        void httpIsRejectedInProduction() {
            byte[] body = bytes(set(nativeBody(), "notify_url", "http://example.com/notify"));
            assertInvalid(() -> prepay(production, TradeType.NATIVE, body), "notify_url", "must be an https URL");
        }

        static Stream<Arguments> badUrls() {
            return Stream.of(
                    Arguments.of("https://example.com/notify?a=1", "must not carry a query string or fragment"),
                    Arguments.of("https://example.com/notify?", "must not carry a query string or fragment"),
                    Arguments.of("https://example.com/notify#frag", "must not carry a query string or fragment"),
                    Arguments.of("https://user:pw@example.com/notify", "must not carry user info"),
                    Arguments.of("https://user@example.com/notify", "must not carry user info"),
                    Arguments.of("https:///notify", "must name a host"),
                    Arguments.of("https:/notify", "must name a host"),
                    Arguments.of("https:example.com", "must name a host"),
                    Arguments.of("https://exa_mple.com/notify", "must name a host"),
                    Arguments.of("ftp://example.com/notify", "must be an"),
                    Arguments.of("javascript:alert(1)", "must be an"),
                    Arguments.of("//example.com/notify", "must be an"),
                    Arguments.of("/notify", "must be an"),
                    Arguments.of("https://example.com/no tify", "is not a valid URL"),
                    Arguments.of("https://exa mple.com/", "is not a valid URL"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badUrls")
        void badUrlIsRejectedInSandbox(String url, String why) {
            byte[] body = bytes(set(nativeBody(), "notify_url", url));
            assertInvalid(() -> prepay(sandbox, TradeType.NATIVE, body), "notify_url", why);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badUrls")
        void badUrlIsRejectedInProduction(String url, String why) {
            byte[] body = bytes(set(nativeBody(), "notify_url", url));
            ApiError e = rejection(() -> prepay(production, TradeType.NATIVE, body));
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.message()).contains("(notify_url ");
        }

        @Test
        void queryStringIsRejectedOverPlainHttpInSandboxToo() {
            byte[] body = bytes(set(nativeBody(), "notify_url", "http://127.0.0.1/n?x=1"));
            assertInvalid(() -> prepay(sandbox, TradeType.NATIVE, body), "notify_url",
                    "must not carry a query string or fragment");
        }
    }

    // ---------------------------------------------------------------- amount

    @Nested
    class Amount {

        @ParameterizedTest
        @ValueSource(longs = {0, -1, 2147483648L, Long.MAX_VALUE, Long.MIN_VALUE})
        void totalOutsideOneToIntMaxIsRejected(long total) {
            assertInvalid(() -> prepayNative(set(nativeBody(), "amount.total", total)), "amount.total",
                    "must be a positive integer number of fen up to 2147483647");
        }

        @ParameterizedTest
        @ValueSource(longs = {1, 100, 2147483647L})
        void totalInRangeIsAccepted(long total) {
            assertThat(prepayNative(set(nativeBody(), "amount.total", total)).amountFen).isEqualTo(total);
        }

        @ParameterizedTest
        @ValueSource(strings = {"USD", "cny", "", "RMB"})
        void currencyOtherThanCnyIsRejected(String currency) {
            assertInvalid(() -> prepayNative(set(nativeBody(), "amount.currency", currency)), "amount.currency",
                    "must be CNY");
        }

        @Test
        void currencyMayBeAbsent() {
            assertThat(prepayNative(remove(nativeBody(), "amount.currency")).amountFen).isEqualTo(100);
        }

        @Test
        void currencyCnyIsAccepted() {
            assertThat(prepayNative(set(nativeBody(), "amount.currency", "CNY")).amountFen).isEqualTo(100);
        }
    }

    // ---------------------------------------------------------------- time_expire

    @Nested
    class TimeExpire {

        @Test
        void futureTimeIsCopiedAsEpochMillis() {
            String t = "2026-01-01T08:00:01+08:00"; // NOW + 1 s
            assertThat(prepayNative(set(nativeBody(), "time_expire", t)).timeExpireMillis).isEqualTo(NOW + 1000);
        }

        @Test
        void fractionalSecondsAreKept() {
            String t = "2026-01-01T00:00:00.250Z";
            assertThat(prepayNative(set(nativeBody(), "time_expire", t)).timeExpireMillis).isEqualTo(NOW + 250);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-01-01T08:00:00+08:00", "2025-12-31T23:59:59Z", "2018-06-08T10:34:56+08:00"})
        void pastOrPresentIsRejected(String t) {
            assertInvalid(() -> prepayNative(set(nativeBody(), "time_expire", t)), "time_expire",
                    "must be in the future");
        }

        @ParameterizedTest
        @ValueSource(strings = {"tomorrow", "2030-01-01", "2030-01-01T00:00:00", "2030-01-01 00:00:00+08:00",
                "2030-13-01T00:00:00+08:00", "1893456000", ""})
        void garbageIsRejected(String t) {
            assertInvalid(() -> prepayNative(set(nativeBody(), "time_expire", t)), "time_expire",
                    "must be an RFC 3339 time");
        }
    }

    // ---------------------------------------------------------------- JSAPI and H5 extras

    @Nested
    class TradeTypeRules {

        @Test
        void jsapiWithoutPayerIsRejected() {
            assertMissing(() -> prepay(TradeType.JSAPI, nativeBody()), "payer");
        }

        @Test
        void jsapiWithoutOpenidIsRejected() {
            ObjectNode b = nativeBody();
            b.putObject("payer");
            assertMissing(() -> prepay(TradeType.JSAPI, b), "payer.openid");
        }

        @Test
        void jsapiOpenidWithForbiddenCharacterIsRejected() {
            ObjectNode b = set(jsapiBody(), "payer.openid", "oUpF8u/MuAJO");
            assertInvalid(() -> prepay(TradeType.JSAPI, b), "payer.openid", "may contain only letters, digits and _-");
        }

        @Test
        void h5WithoutSceneInfoIsRejected() {
            assertMissing(() -> prepay(TradeType.MWEB, remove(h5Body(), "scene_info")), "scene_info");
        }

        @Test
        void h5WithoutPayerClientIpIsRejected() {
            assertMissing(() -> prepay(TradeType.MWEB, remove(h5Body(), "scene_info.payer_client_ip")),
                    "scene_info.payer_client_ip");
        }

        @Test
        void h5WithoutH5InfoIsRejected() {
            assertMissing(() -> prepay(TradeType.MWEB, remove(h5Body(), "scene_info.h5_info")),
                    "scene_info.h5_info");
        }

        @Test
        void h5WithoutH5TypeIsRejected() {
            assertMissing(() -> prepay(TradeType.MWEB, remove(h5Body(), "scene_info.h5_info.type")),
                    "scene_info.h5_info.type");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Windows", "ios", "WAP", " Wap"})
        void h5WithUnknownTypeIsRejected(String type) {
            assertInvalid(() -> prepay(TradeType.MWEB, set(h5Body(), "scene_info.h5_info.type", type)),
                    "scene_info.h5_info.type", "must be one of");
        }

        @Test
        void nativeNeedsNoSceneInfo() {
            assertThat(prepayNative(nativeBody()).payerClientIp).isNull();
        }

        @Test
        void storeInfoWithoutIdIsRejected() {
            ObjectNode b = nativeBody();
            b.putObject("scene_info").putObject("store_info").put("name", "店");
            assertMissing(() -> prepayNative(b), "scene_info.store_info.id");
        }
    }

    // ---------------------------------------------------------------- limit_pay and detail

    @Nested
    class LimitPayAndDetail {

        @Test
        void everyKnownLimitPayEntryIsAccepted() {
            ObjectNode b = nativeBody();
            b.putArray("limit_pay").add("no_balance").add("no_credit").add("no_debit").add("balance_only");
            assertThatCode(() -> prepayNative(b)).doesNotThrowAnyException();
        }

        @ParameterizedTest
        @ValueSource(strings = {"no_cash", "NO_CREDIT", "", "no_credit "})
        void unknownLimitPayEntryIsRejected(String entry) {
            ObjectNode b = nativeBody();
            b.putArray("limit_pay").add("no_credit").add(entry);
            assertInvalid(() -> prepayNative(b), "limit_pay", "entries must be one of");
        }

        @Test
        void nullLimitPayEntryIsRejected() {
            ObjectNode b = nativeBody();
            b.putArray("limit_pay").addNull();
            assertInvalid(() -> prepayNative(b), "limit_pay", "entries must be one of");
        }

        @Test
        void tooManyLimitPayEntriesAreRejected() {
            ObjectNode b = nativeBody();
            ArrayNode a = b.putArray("limit_pay");
            for (int i = 0; i < 5; i++) {
                a.add("no_credit");
            }
            assertInvalid(() -> prepayNative(b), "limit_pay", "has too many entries");
        }

        static ObjectNode withGoods(long quantity, long unitPrice) {
            ObjectNode b = nativeBody();
            b.putObject("detail").putArray("goods_detail").addObject().put("merchant_goods_id", "G1")
                    .put("quantity", quantity).put("unit_price", unitPrice);
            return b;
        }

        @Test
        void goodsQuantityZeroIsRejected() {
            assertInvalid(() -> prepayNative(withGoods(0, 100)), "detail.goods_detail.quantity",
                    "must be a positive integer");
        }

        @Test
        void goodsQuantityNegativeIsRejected() {
            assertInvalid(() -> prepayNative(withGoods(-1, 100)), "detail.goods_detail.quantity",
                    "must be a positive integer");
        }

        @Test
        void goodsQuantityMissingIsRejected() {
            ObjectNode b = withGoods(1, 100);
            ((ObjectNode) b.get("detail").get("goods_detail").get(0)).remove("quantity");
            assertInvalid(() -> prepayNative(b), "detail.goods_detail.quantity", "must be a positive integer");
        }

        @Test
        void goodsUnitPriceNegativeIsRejected() {
            assertInvalid(() -> prepayNative(withGoods(1, -1)), "detail.goods_detail.unit_price",
                    "must be a non-negative integer number of fen");
        }

        @Test
        void goodsUnitPriceZeroIsAccepted() {
            assertThatCode(() -> prepayNative(withGoods(1, 0))).doesNotThrowAnyException();
        }

        @Test
        void goodsWithoutMerchantGoodsIdIsRejected() {
            ObjectNode b = withGoods(1, 100);
            ((ObjectNode) b.get("detail").get("goods_detail").get(0)).remove("merchant_goods_id");
            assertMissing(() -> prepayNative(b), "detail.goods_detail.merchant_goods_id");
        }

        @Test
        void nullGoodsEntryIsRejected() {
            ObjectNode b = nativeBody();
            b.putObject("detail").putArray("goods_detail").addNull();
            assertInvalid(() -> prepayNative(b), "detail.goods_detail", "must not contain null");
        }

        @Test
        void negativeCostPriceIsRejected() {
            ObjectNode b = nativeBody();
            b.putObject("detail").put("cost_price", -1);
            assertInvalid(() -> prepayNative(b), "detail.cost_price", "must not be negative");
        }
    }

    // ---------------------------------------------------------------- the signer

    @Nested
    class Signer {

        @Test
        void mchidOtherThanTheSignerIsNoAuth() {
            ObjectNode b = set(nativeBody(), "mchid", "1900000110");
            ApiError e = rejection(() -> prepayNative(b));
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("NO_AUTH");
            assertThat(e.message()).contains("mchid");
        }

        @Test
        void mchidWithForbiddenCharacterIsParamError() {
            ObjectNode b = set(nativeBody(), "mchid", "1900-000109");
            assertInvalid(() -> prepayNative(b), "mchid", "may contain only letters, digits and nothing else");
        }
    }

    // ---------------------------------------------------------------- close and queries

    @Nested
    class CloseAndQueries {

        Command close(String outTradeNo, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            Command c = new Command();
            production.close(outTradeNo, bytes, 0, bytes.length, MCHID, c);
            return c;
        }

        @Test
        void closeFillsTypeMchidAndOutTradeNo() {
            Command c = close("1217752501201407033233368018", "{\"mchid\":\"" + MCHID + "\"}");
            assertThat(c.type).isEqualTo(CommandType.CLOSE_ORDER);
            assertThat(c.mchid).isEqualTo(MCHID);
            assertThat(c.outTradeNo).isEqualTo("1217752501201407033233368018");
            assertThat(c.tradeType).isNull();
            assertThat(c.amountFen).isZero();
        }

        @Test
        void closeByOtherMerchantIsNoAuth() {
            ApiError e = rejection(() -> close("1217752501201407033233368018", "{\"mchid\":\"1900000110\"}"));
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("NO_AUTH");
        }

        @Test
        void closeWithoutMchidIsRejected() {
            assertMissing(() -> close("1217752501201407033233368018", "{}"), "mchid");
        }

        @Test
        void closeWithEmptyBodyIsRejected() {
            ApiError e = rejection(() -> close("1217752501201407033233368018", ""));
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("PARAM_ERROR");
        }

        @ParameterizedTest
        @ValueSource(strings = {"12345", "ORDER 0001", "ORDER/0001", "中文订单号123"})
        void closeWithBadOutTradeNoIsRejected(String outTradeNo) {
            ApiError e = rejection(() -> close(outTradeNo, "{\"mchid\":\"" + MCHID + "\"}"));
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.message()).contains("(out_trade_no ");
        }

        @Test
        void queryByOutTradeNoFillsTheCommand() {
            Command c = new Command();
            production.queryByOutTradeNo("ORDER|0001", MCHID, MCHID, c);
            assertThat(c.type).isEqualTo(CommandType.QUERY_ORDER);
            assertThat(c.mchid).isEqualTo(MCHID);
            assertThat(c.outTradeNo).isEqualTo("ORDER|0001");
            assertThat(c.transactionId).isNull();
        }

        @Test
        void queryByOutTradeNoWithoutMchidIsRejected() {
            assertMissing(() -> production.queryByOutTradeNo("ORDER0001", null, MCHID, new Command()), "mchid");
        }

        @Test
        void queryByOutTradeNoOfOtherMerchantIsNoAuth() {
            ApiError e = rejection(() -> production.queryByOutTradeNo("ORDER0001", "1900000110", MCHID, new Command()));
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("NO_AUTH");
        }

        @Test
        void queryByOutTradeNoWithBadOutTradeNoIsRejected() {
            assertInvalid(() -> production.queryByOutTradeNo("ORD", MCHID, MCHID, new Command()), "out_trade_no",
                    "must be 6-32 characters");
        }

        @Test
        void queryByTransactionIdFillsTheCommand() {
            Command c = new Command();
            production.queryByTransactionId("4200000000000000000000000001", MCHID, MCHID, c);
            assertThat(c.type).isEqualTo(CommandType.QUERY_ORDER);
            assertThat(c.mchid).isEqualTo(MCHID);
            assertThat(c.transactionId).isEqualTo("4200000000000000000000000001");
            assertThat(c.outTradeNo).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"42000000000000000000000000a1", "4200-0001", " 42", "４２"})
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
}
