package io.paygate.gateway;

import static io.paygate.gateway.support.SignedClient.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.support.AdminClient;
import io.paygate.gateway.support.OrderBodies;
import io.paygate.gateway.support.RawHttp;
import io.paygate.gateway.support.SdkClients;
import io.paygate.gateway.support.SignedClient;
import io.paygate.gateway.support.TestGateway;
import io.paygate.signing.Keys;
import io.paygate.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an attacker or a broken client can send, against one real gateway: forged, stale, replayed
 * and misattributed signatures (G13), requests for another merchant's orders, oversized and
 * malformed HTTP (G15), request-smuggling framing over a raw socket (G16), hostile JSON (G17) and
 * every field rule of the prepay endpoints. Every refusal must be a JSON {@code code}/{@code message}
 * error; after all of it, the official SDK still gets its orders through on the same gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRequestSystemTest {

    @TempDir
    static Path dir;
    static TestGateway gw;
    static MerchantInfo demo;
    static SignedClient client;
    static final AtomicInteger SEQ = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start(dir.resolve("gw"));
        demo = gw.demo();
        client = SignedClient.of(demo);
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    /** A fresh out_trade_no. */
    static String otn(String prefix) {
        return prefix + "_" + System.nanoTime() % 1_000_000_000L + "_" + SEQ.incrementAndGet();
    }

    static String nativeBody(String outTradeNo, long total) {
        return OrderBodies.prepay(OrderBodies.NATIVE, demo.appid(), demo.mchid(), outTradeNo, total).toString();
    }

    static SignedClient.Call nativeCall(String outTradeNo, long total) {
        return client.post(OrderBodies.NATIVE, nativeBody(outTradeNo, total));
    }

    static SignedClient.Response query(SignedClient c, String outTradeNo, String mchid) {
        return c.get(OrderBodies.query(outTradeNo, mchid)).send();
    }

    // ---------------------------------------------------------------- signatures (G13)

    @Test
    void bodyTamperedAfterSigningIsSignError() {
        String no = otn("TAMPER");
        SignedClient.Response r = nativeCall(no, 100).bodyAfterSigning(nativeBody(no, 1)).send();
        assertJsonError(r, 401, "SIGN_ERROR");
        assertJsonError(query(client, no, demo.mchid()), 404, "ORDER_NOT_EXIST");
    }

    @Test
    void pathQueryOrMethodChangedAfterSigningIsSignError() {
        String no = otn("PATHQ");
        assertThat(nativeCall(no, 100).send().status()).isEqualTo(200);
        // signed for one order, sent for another
        assertJsonError(client.get(OrderBodies.query(no, demo.mchid()))
                .target(OrderBodies.query(otn("OTHER"), demo.mchid())).send(), 401, "SIGN_ERROR");
        // query string changed after signing
        assertJsonError(client.get(OrderBodies.query(no, demo.mchid()))
                .target(OrderBodies.query(no, demo.mchid()) + "&x=1").send(), 401, "SIGN_ERROR");
        // signed as a PUT, sent as a POST
        assertJsonError(client.post(OrderBodies.close(no), "{\"mchid\":\"" + demo.mchid() + "\"}")
                .signedMethod("PUT").send(), 401, "SIGN_ERROR");
        // the order is untouched
        assertThat(query(client, no, demo.mchid()).json().path("trade_state").asText()).isEqualTo("NOTPAY");
    }

    @Test
    void timestampSixMinutesOldOrAheadIsSignError() {
        long now = SignedClient.nowSeconds();
        for (long ts : new long[] {now - 360, now + 360}) {
            String no = otn("SKEW");
            SignedClient.Response r = nativeCall(no, 100).timestamp(ts).send();
            JsonNode err = assertJsonError(r, 401, "SIGN_ERROR");
            assertThat(err.path("message").asText()).contains("timestamp");
            assertJsonError(query(client, no, demo.mchid()), 404, "ORDER_NOT_EXIST");
        }
        // four minutes either way is inside the window
        assertThat(nativeCall(otn("SKEWOK"), 100).timestamp(now - 240).send().status()).isEqualTo(200);
        assertThat(nativeCall(otn("SKEWOK"), 100).timestamp(now + 240).send().status()).isEqualTo(200);
    }

    @Test
    void replayedNonceIsRefusedTheSecondTime() {
        String no = otn("REPLAY");
        SignedClient.Call first = nativeCall(no, 100);
        SignedClient.Response ok = first.send();
        assertThat(ok.status()).isEqualTo(200);

        // the captured request, byte for byte
        assertJsonError(first.send(), 401, "SIGN_ERROR");
        // the same request freshly signed with the same nonce and timestamp
        SignedClient.Response again = nativeCall(no, 100).nonce(first.nonceValue()).timestamp(first.timestampValue())
                .send();
        assertJsonError(again, 401, "SIGN_ERROR");
        // the same nonce and timestamp on a different request
        assertJsonError(client.get(OrderBodies.query(no, demo.mchid())).nonce(first.nonceValue())
                .timestamp(first.timestampValue()).send(), 401, "SIGN_ERROR");
        // a fresh nonce goes through (and gets the original prepay result back)
        SignedClient.Response fresh = nativeCall(no, 100).send();
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.json().path("code_url").asText()).isEqualTo(ok.json().path("code_url").asText());
    }

    @Test
    void unknownSerialIsSignError() {
        String no = otn("SERIAL");
        assertJsonError(nativeCall(no, 100).authSerial("5157F09EFDC096DE15EBE81A47057A7232F1B8E1").send(),
                401, "SIGN_ERROR");
        assertJsonError(query(client, no, demo.mchid()), 404, "ORDER_NOT_EXIST");
    }

    @Test
    void unknownMchidInTheHeaderIsSignError() {
        assertJsonError(nativeCall(otn("MCHID"), 100).authMchid("1230000109").send(), 401, "SIGN_ERROR");
        assertJsonError(client.get(OrderBodies.query("NOSUCH_123", "1230000109")).authMchid("1230000109").send(),
                401, "SIGN_ERROR");
    }

    @Test
    void signatureByAnotherKeyIsSignError() {
        SigningKey stranger = SigningKey.of(demo.merchantSerialNo(),
                Keys.generateRsa2048(new SecureRandom()).getPrivate());
        assertJsonError(nativeCall(otn("STRANGER"), 100).signWith(stranger).send(), 401, "SIGN_ERROR");
    }

    static Stream<Arguments> garbledAuthorizations() {
        String valid = nativeCall("GARBLED_0001", 100).authorizationValue();
        String sig = valid.substring(valid.indexOf("signature=\"") + 11, valid.length() - 1);
        byte[] raw = Base64.getDecoder().decode(sig);
        raw[10] ^= 1;
        String flipped = valid.replace(sig, Base64.getEncoder().encodeToString(raw));
        return Stream.of(
                Arguments.of("missing", null),
                Arguments.of("empty", ""),
                Arguments.of("garbage", "garbage"),
                Arguments.of("Bearer token", "Bearer abcdef"),
                Arguments.of("schema only", "WECHATPAY2-SHA256-RSA2048"),
                Arguments.of("SM2 schema", valid.replace("WECHATPAY2-SHA256-RSA2048", "WECHATPAY2-SM2-WITH-SM3")),
                Arguments.of("lowercase schema", valid.replace("WECHATPAY2-SHA256-RSA2048", "wechatpay2-sha256-rsa2048")),
                Arguments.of("signature not base64", valid.replace(sig, "!!!not-base64!!!")),
                Arguments.of("signature one bit flipped", flipped),
                Arguments.of("signature empty", valid.replace(sig, "")),
                Arguments.of("signature pair missing", valid.substring(0, valid.indexOf(",signature="))),
                Arguments.of("pair duplicated", valid + ",nonce_str=\"abc\""),
                Arguments.of("unknown pair", valid + ",foo=\"bar\""),
                Arguments.of("unquoted values", valid.replace("\"", "")),
                Arguments.of("timestamp not a number", valid.replaceFirst("timestamp=\"\\d+\"", "timestamp=\"12ab\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbledAuthorizations")
    void missingOrGarbledAuthorizationIsSignError(String name, String authorization) {
        SignedClient.Call call = nativeCall("GARBLED_0001", 100);
        call = authorization == null ? call.noAuthorization() : call.authorization(authorization);
        assertJsonError(call.send(), 401, "SIGN_ERROR");
    }

    @Test
    void bodyMchidOtherThanTheSignerIsNoAuth() {
        String no = otn("NOAUTH");
        String body = OrderBodies.prepay(OrderBodies.NATIVE, demo.appid(), "1230000109", no, 100).toString();
        assertJsonError(client.post(OrderBodies.NATIVE, body).send(), 403, "NO_AUTH");
        assertJsonError(client.post(OrderBodies.close(no), "{\"mchid\":\"1230000109\"}").send(), 403, "NO_AUTH");
        assertJsonError(query(client, no, demo.mchid()), 404, "ORDER_NOT_EXIST");
    }

    @Test
    void anotherMerchantsOrderIsInvisible() {
        AdminClient.NewMerchant b = AdminClient.of(gw).provisionMerchant("merchant-b", dir);
        SignedClient clientB = SignedClient.of(b.info());
        String no = otn("MCHB");
        SignedClient.Response created = clientB.post(OrderBodies.NATIVE,
                OrderBodies.prepay(OrderBodies.NATIVE, b.info().appid(), b.info().mchid(), no, 300).toString()).send();
        assertThat(created.status()).as("merchant B creates an order: %s", created).isEqualTo(200);

        // A asks under its own mchid: there is no such order for A
        assertJsonError(query(client, no, demo.mchid()), 404, "ORDER_NOT_EXIST");
        // A asks under B's mchid: A may not speak for B
        assertJsonError(query(client, no, b.info().mchid()), 403, "NO_AUTH");
        // nor close it
        assertJsonError(client.post(OrderBodies.close(no), "{\"mchid\":\"" + b.info().mchid() + "\"}").send(),
                403, "NO_AUTH");
        assertJsonError(client.post(OrderBodies.close(no), "{\"mchid\":\"" + demo.mchid() + "\"}").send(),
                404, "ORDER_NOT_EXIST");
        // A's appid with B's mchid is refused before anything is created
        assertJsonError(clientB.post(OrderBodies.NATIVE, OrderBodies.prepay(OrderBodies.NATIVE, demo.appid(),
                b.info().mchid(), otn("MIXED"), 1).toString()).send(), 400, "APPID_MCHID_NOT_MATCH");

        SignedClient.Response seenByB = query(clientB, no, b.info().mchid());
        assertThat(seenByB.status()).isEqualTo(200);
        assertThat(seenByB.json().path("trade_state").asText()).isEqualTo("NOTPAY");
        assertThat(seenByB.json().path("mchid").asText()).isEqualTo(b.info().mchid());
    }

    @Test
    void queryAndCloseParameterRules() {
        String base = "/v3/pay/transactions/out-trade-no/";
        JsonNode missing = assertJsonError(client.get(base + "ABC123456").send(), 400, "PARAM_ERROR");
        assertThat(missing.path("message").asText()).contains("mchid");
        JsonNode twice = assertJsonError(client.get(base + "ABC123456?mchid=" + demo.mchid() + "&mchid=" + demo.mchid())
                .send(), 400, "PARAM_ERROR");
        assertThat(twice.path("message").asText()).contains("mchid");
        assertThat(assertJsonError(client.get(base + "ABC%23123456?mchid=" + demo.mchid()).send(), 400, "PARAM_ERROR")
                .path("message").asText()).contains("out_trade_no");
        assertThat(assertJsonError(client.get(base + "AB1?mchid=" + demo.mchid()).send(), 400, "PARAM_ERROR")
                .path("message").asText()).contains("out_trade_no");
        // java.net.URI refuses a bad escape, so this one goes over a raw socket
        assertJsonError(RawHttp.exchange(gw.apiPort(), client.get(base + "ABC%ZZ123456?mchid=" + demo.mchid())
                .header("Connection", "close").toBytes()), 400, "PARAM_ERROR");
        assertThat(assertJsonError(client.get("/v3/pay/transactions/id/42000ABC?mchid=" + demo.mchid()).send(), 400,
                "PARAM_ERROR").path("message").asText()).contains("transaction_id");
        assertJsonError(client.get("/v3/pay/transactions/id/4200000000000000000000000001?mchid=" + demo.mchid()).send(),
                404, "ORDER_NOT_EXIST");
        // close: the body carries the mchid, and it must be there
        assertThat(assertJsonError(client.post(OrderBodies.close("ABC123456"), "{}").send(), 400, "PARAM_ERROR")
                .path("message").asText()).contains("mchid");
        assertJsonError(client.post(OrderBodies.close("ABC123456"), "").send(), 400, "PARAM_ERROR");
    }

    // ---------------------------------------------------------------- HTTP limits (G15)

    @Test
    void bodyOver64KiBIs413Json() {
        String no = otn("BIG");
        ObjectNode body = OrderBodies.prepay(OrderBodies.NATIVE, demo.appid(), demo.mchid(), no, 100);
        body.put("padding", "x".repeat(64 * 1024));
        RawHttp.RawResponse r = RawHttp.exchange(gw.apiPort(),
                client.post(OrderBodies.NATIVE, body.toString()).toBytes());
        assertJsonError(r, 413);
        assertThat(r.closedAfter()).as("closed after %s", r).isTrue();
        assertJsonError(query(client, no, demo.mchid()), 404, "ORDER_NOT_EXIST");
    }

    @Test
    void chunkedBodyOver64KiBIs413Json() {
        byte[] chunk = new byte[16 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        StringBuilder req = new StringBuilder("POST /v3/pay/transactions/native HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        byte[] head = RawHttp.bytes(req.toString());
        byte[] chunks = new byte[0];
        for (int i = 0; i < 5; i++) {
            chunks = RawHttp.concat(chunks, RawHttp.bytes(Integer.toHexString(chunk.length) + "\r\n"), chunk,
                    RawHttp.bytes("\r\n"));
        }
        RawHttp.RawResponse r = RawHttp.exchange(gw.apiPort(), RawHttp.concat(head, chunks, RawHttp.bytes("0\r\n\r\n")));
        assertJsonError(r, 413);
        assertThat(r.closedAfter()).as("closed after %s", r).isTrue();
    }

    @Test
    void headersOver8KiBAre431Json() {
        RawHttp.RawResponse r = RawHttp.exchange(gw.apiPort(), nativeCall(otn("HDR"), 100)
                .header("X-Padding", "h".repeat(9 * 1024)).toBytes());
        assertJsonError(r, 431);
        assertThat(r.closedAfter()).as("closed after %s", r).isTrue();
    }

    @Test
    void requestLineOver4KiBIs400Json() {
        String target = OrderBodies.query("LONGLINE_1", demo.mchid()) + "&pad=" + "q".repeat(5 * 1024);
        RawHttp.RawResponse r = RawHttp.exchange(gw.apiPort(), client.get(target).toBytes());
        assertJsonError(r, 400);
        assertThat(r.closedAfter()).as("closed after %s", r).isTrue();
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        assertJsonError(client.get("/v3/pay/transactions/nope").send(), 404);
        assertJsonError(client.get("/v3/nothing-here?mchid=" + demo.mchid()).send(), 404);
        assertJsonError(client.get("/").send(), 404);
        assertJsonError(client.get(OrderBodies.NATIVE).send(), 405);
        assertJsonError(client.post("/v3/certificates", "{}").send(), 405);
        assertJsonError(client.post(OrderBodies.query("X12345", demo.mchid()), "{}").send(), 405);
        assertJsonError(client.get("/v3/pay/transactions/out-trade-no/ABC123/close").send(), 405);
    }

    // ---------------------------------------------------------------- hostile JSON (G17)

    static Stream<Arguments> hostileJson() {
        String good = nativeBody("JSON_0001", 100);
        // inside a field the model ignores, so only the parser's depth limit can refuse it
        String deep = good.substring(0, good.length() - 1) + ",\"padding\":" + "[".repeat(39) + "]".repeat(39) + "}";
        return Stream.of(
                Arguments.of("malformed", good.substring(0, good.length() - 5), null),
                Arguments.of("trailing garbage", good + "{}", null),
                Arguments.of("duplicate key", good.replace("{\"appid\"", "{\"mchid\":\"" + "1230000109" + "\",\"appid\""), null),
                Arguments.of("duplicate nested key", good.replace("\"total\":100", "\"total\":100,\"total\":1"), null),
                Arguments.of("total as string", good.replace("\"total\":100", "\"total\":\"100\""), "amount.total"),
                Arguments.of("total as float", good.replace("\"total\":100", "\"total\":1.5"), "amount.total"),
                Arguments.of("total as 100.0", good.replace("\"total\":100", "\"total\":100.0"), "amount.total"),
                Arguments.of("total as boolean", good.replace("\"total\":100", "\"total\":true"), "amount.total"),
                Arguments.of("total with 40 digits", good.replace("\"total\":100", "\"total\":" + "9".repeat(40)), null),
                Arguments.of("appid as number", good.replace("\"appid\":\"" + demo.appid() + "\"", "\"appid\":12"), "appid"),
                Arguments.of("nesting depth 40", deep, null),
                Arguments.of("array body", "[" + good + "]", null),
                Arguments.of("null body", "null", null),
                Arguments.of("empty body", "", null),
                Arguments.of("string body", "\"hello\"", null),
                Arguments.of("invalid UTF-8", new String(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                        StandardCharsets.ISO_8859_1), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileJson")
    void hostileJsonIsParamError(String name, String body, String field) {
        byte[] bytes = name.equals("invalid UTF-8") ? body.getBytes(StandardCharsets.ISO_8859_1)
                : body.getBytes(StandardCharsets.UTF_8);
        SignedClient.Response r = client.post(OrderBodies.NATIVE, bytes).send();
        JsonNode err = assertJsonError(r, 400, "PARAM_ERROR");
        if (field != null) {
            assertThat(err.path("message").asText()).contains(field);
        }
        assertJsonError(query(client, "JSON_0001", demo.mchid()), 404, "ORDER_NOT_EXIST");
    }

    // ---------------------------------------------------------------- field rules of the prepay endpoints

    record FieldCase(String name, String path, Consumer<ObjectNode> edit, int status, String code, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static FieldCase bad(String name, String path, Consumer<ObjectNode> edit, String field) {
        return new FieldCase(name, path, edit, 400, "PARAM_ERROR", field);
    }

    static Stream<FieldCase> fieldRules() {
        String n = OrderBodies.NATIVE;
        String j = OrderBodies.JSAPI;
        String h = OrderBodies.H5;
        String a = OrderBodies.APP;
        return Stream.of(
                bad("out_trade_no 5 chars", n, o -> o.put("out_trade_no", "AB123"), "out_trade_no"),
                bad("out_trade_no 33 chars", n, o -> o.put("out_trade_no", "A".repeat(33)), "out_trade_no"),
                bad("out_trade_no with #", n, o -> o.put("out_trade_no", "ABC#12345"), "out_trade_no"),
                bad("out_trade_no with space", a, o -> o.put("out_trade_no", "ABC 12345"), "out_trade_no"),
                bad("out_trade_no with dot", j, o -> o.put("out_trade_no", "ABC.12345"), "out_trade_no"),
                bad("out_trade_no non-ASCII", h, o -> o.put("out_trade_no", "订单号123456"), "out_trade_no"),
                bad("out_trade_no missing", n, o -> o.remove("out_trade_no"), "out_trade_no"),
                bad("out_trade_no empty", n, o -> o.put("out_trade_no", ""), "out_trade_no"),
                bad("description 128 chars", n, o -> o.put("description", "d".repeat(128)), "description"),
                bad("description 128 CJK chars", a, o -> o.put("description", "商".repeat(128)), "description"),
                bad("description missing", j, o -> o.remove("description"), "description"),
                bad("description empty", h, o -> o.put("description", ""), "description"),
                bad("description with control char", n, o -> o.put("description", "a\u0001b"), "description"),
                bad("notify_url with query", n, o -> o.put("notify_url", "https://example.com/notify?a=1"), "notify_url"),
                bad("notify_url with fragment", n, o -> o.put("notify_url", "https://example.com/notify#x"), "notify_url"),
                bad("notify_url ftp scheme", n, o -> o.put("notify_url", "ftp://example.com/notify"), "notify_url"),
                bad("notify_url javascript scheme", a, o -> o.put("notify_url", "javascript:alert(1)"), "notify_url"),
                bad("notify_url no scheme", j, o -> o.put("notify_url", "example.com/notify"), "notify_url"),
                bad("notify_url no host", h, o -> o.put("notify_url", "https:///notify"), "notify_url"),
                bad("notify_url user info", n, o -> o.put("notify_url", "https://u:p@example.com/notify"), "notify_url"),
                bad("notify_url 256 chars", n, o -> o.put("notify_url", "https://example.com/" + "p".repeat(236)), "notify_url"),
                bad("notify_url missing", n, o -> o.remove("notify_url"), "notify_url"),
                bad("currency USD", n, o -> ((ObjectNode) o.get("amount")).put("currency", "USD"), "currency"),
                bad("currency lowercase cny", j, o -> ((ObjectNode) o.get("amount")).put("currency", "cny"), "currency"),
                bad("total 0", n, o -> ((ObjectNode) o.get("amount")).put("total", 0), "amount.total"),
                bad("total -1", a, o -> ((ObjectNode) o.get("amount")).put("total", -1), "amount.total"),
                bad("total 1.5", j, o -> ((ObjectNode) o.get("amount")).put("total", 1.5), "amount.total"),
                bad("total 2^31", h, o -> ((ObjectNode) o.get("amount")).put("total", 2_147_483_648L), "amount.total"),
                bad("total missing", n, o -> ((ObjectNode) o.get("amount")).remove("total"), "amount.total"),
                bad("amount missing", n, o -> o.remove("amount"), "amount"),
                bad("appid missing", n, o -> o.remove("appid"), "appid"),
                bad("appid empty", a, o -> o.put("appid", ""), "appid"),
                bad("appid with slash", n, o -> o.put("appid", "wx/../x"), "appid"),
                bad("mchid missing", n, o -> o.remove("mchid"), "mchid"),
                bad("attach 129 chars", n, o -> o.put("attach", "a".repeat(129)), "attach"),
                bad("goods_tag 33 chars", n, o -> o.put("goods_tag", "g".repeat(33)), "goods_tag"),
                bad("limit_pay unknown", n, o -> o.putArray("limit_pay").add("no_money"), "limit_pay"),
                bad("time_expire in the past", n, o -> o.put("time_expire", "2018-06-08T10:34:56+08:00"), "time_expire"),
                bad("time_expire malformed", n, o -> o.put("time_expire", "2099-06-08 10:34:56"), "time_expire"),
                bad("time_expire month 13", a, o -> o.put("time_expire", "2099-13-08T10:34:56+08:00"), "time_expire"),
                bad("time_expire no offset", j, o -> o.put("time_expire", "2099-06-08T10:34:56"), "time_expire"),
                bad("goods quantity 0", n, o -> o.putObject("detail").putArray("goods_detail").addObject()
                        .put("merchant_goods_id", "G1").put("quantity", 0).put("unit_price", 1), "quantity"),
                bad("goods merchant_goods_id missing", n, o -> o.putObject("detail").putArray("goods_detail").addObject()
                        .put("quantity", 1).put("unit_price", 1), "merchant_goods_id"),
                bad("cost_price negative", n, o -> o.putObject("detail").put("cost_price", -1), "cost_price"),
                bad("store_info without id", n, o -> o.putObject("scene_info").putObject("store_info").put("name", "s"),
                        "store_info.id"),
                bad("JSAPI payer missing", j, o -> o.remove("payer"), "payer"),
                bad("JSAPI payer.openid missing", j, o -> ((ObjectNode) o.get("payer")).remove("openid"), "openid"),
                bad("JSAPI payer.openid with space", j, o -> ((ObjectNode) o.get("payer")).put("openid", "o u"), "openid"),
                bad("H5 scene_info missing", h, o -> o.remove("scene_info"), "scene_info"),
                bad("H5 payer_client_ip missing", h, o -> ((ObjectNode) o.get("scene_info")).remove("payer_client_ip"),
                        "payer_client_ip"),
                bad("H5 h5_info missing", h, o -> ((ObjectNode) o.get("scene_info")).remove("h5_info"), "h5_info"),
                bad("H5 h5_info.type missing", h, o -> ((ObjectNode) o.get("scene_info").get("h5_info")).remove("type"),
                        "h5_info.type"),
                bad("H5 h5_info.type Windows", h, o -> ((ObjectNode) o.get("scene_info").get("h5_info")).put("type", "Windows"),
                        "h5_info.type"),
                new FieldCase("unknown appid", n, o -> o.put("appid", "wx0000000000000000"), 400,
                        "APPID_MCHID_NOT_MATCH", "AppID"),
                new FieldCase("unknown appid on JSAPI", j, o -> o.put("appid", "wxd678efh567hg6787"), 400,
                        "APPID_MCHID_NOT_MATCH", "AppID"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldRules")
    void fieldRuleViolationsAreRejectedNamingTheField(FieldCase c) {
        String no = otn("FIELD");
        ObjectNode body = OrderBodies.prepay(c.path(), demo.appid(), demo.mchid(), no, 100);
        c.edit().accept(body);
        SignedClient.Response r = client.post(c.path(), body.toString()).send();
        JsonNode err = assertJsonError(r, c.status(), c.code());
        assertThat(err.path("message").asText()).as("message names the field").containsIgnoringCase(c.field());
        assertJsonError(query(client, no, demo.mchid()), 404, "ORDER_NOT_EXIST");
    }

    @Test
    void boundaryValuesAreAccepted() {
        String n = OrderBodies.NATIVE;
        ObjectNode six = OrderBodies.prepay(n, demo.appid(), demo.mchid(), "Ab-_|*", 1);
        ObjectNode max = OrderBodies.prepay(OrderBodies.APP, demo.appid(), demo.mchid(), "Z".repeat(31) + "9",
                2_147_483_647L);
        max.put("description", "商".repeat(127));
        max.put("attach", "a".repeat(128));
        max.put("notify_url", "https://example.com/" + "p".repeat(235));
        max.put("time_expire", "2099-06-08T10:34:56+08:00");
        for (ObjectNode body : new ObjectNode[] {six, max}) {
            String path = body == six ? n : OrderBodies.APP;
            SignedClient.Response r = client.post(path, body.toString()).send();
            assertThat(r.status()).as("%s -> %s", body.path("out_trade_no"), r).isEqualTo(200);
        }
        SignedClient.Response q = client.get("/v3/pay/transactions/out-trade-no/Ab-_%7C*?mchid=" + demo.mchid()).send();
        assertThat(q.status()).as("%s", q).isEqualTo(200);
        assertThat(q.json().path("out_trade_no").asText()).isEqualTo("Ab-_|*");
    }

    // ---------------------------------------------------------------- request smuggling (G16)

    /** A correctly signed native prepay, so that a probe the gateway did not refuse would create an order. */
    record Signed(String auth, byte[] body, String outTradeNo) {
    }

    static Signed signed() {
        String no = otn("SMUGGLE");
        SignedClient.Call call = nativeCall(no, 100);
        return new Signed(call.authorizationValue(), nativeBody(no, 100).getBytes(StandardCharsets.UTF_8), no);
    }

    static String head(Signed s) {
        return "POST /v3/pay/transactions/native HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Accept: application/json\r\n"
                + "Content-Type: application/json\r\n"
                + "Wechatpay-Serial: " + demo.platformPublicKeyId() + "\r\n"
                + "Authorization: " + s.auth() + "\r\n";
    }

    static byte[] chunked(byte[] body, String sizeLineEnd) {
        return RawHttp.concat(RawHttp.bytes(Integer.toHexString(body.length) + sizeLineEnd), body,
                RawHttp.bytes("\r\n0\r\n\r\n"));
    }

    /** A second, complete request hidden behind the first: if framing were read two ways it would run. */
    static String hiddenQuery() {
        return "GET /v3/pay/transactions/out-trade-no/HIDDEN_1?mchid=" + demo.mchid() + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    record Probe(String name, java.util.function.Function<Signed, byte[]> bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Probe> smugglingProbes() {
        return Stream.of(
                new Probe("Content-Length + Transfer-Encoding: chunked", s -> {
                    byte[] ch = chunked(s.body(), "\r\n");
                    return RawHttp.concat(RawHttp.bytes(head(s) + "Content-Length: " + ch.length
                            + "\r\nTransfer-Encoding: chunked\r\n\r\n"), ch);
                }),
                new Probe("Transfer-Encoding: chunked + Content-Length (short)", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n"),
                        chunked(s.body(), "\r\n"))),
                new Probe("Transfer-Encoding: chunked, identity", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Transfer-Encoding: chunked, identity\r\n\r\n"),
                        chunked(s.body(), "\r\n"))),
                new Probe("Transfer-Encoding: identity", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Transfer-Encoding: identity\r\n\r\n"), s.body())),
                new Probe("Transfer-Encoding: identity + Content-Length", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Transfer-Encoding: identity\r\nContent-Length: " + s.body().length
                                + "\r\n\r\n"), s.body())),
                new Probe("two Transfer-Encoding headers", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"),
                        chunked(s.body(), "\r\n"))),
                new Probe("Transfer-Encoding: xchunked", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Transfer-Encoding: xchunked\r\n\r\n"), chunked(s.body(), "\r\n"))),
                new Probe("two different Content-Length", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Content-Length: " + s.body().length + "\r\nContent-Length: "
                                + (s.body().length + hiddenQuery().length()) + "\r\n\r\n"), s.body(),
                        RawHttp.bytes(hiddenQuery()))),
                new Probe("two equal Content-Length", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Content-Length: " + s.body().length + "\r\nContent-Length: "
                                + s.body().length + "\r\n\r\n"), s.body())),
                new Probe("Content-Length list \"n, n\"", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Content-Length: " + s.body().length + ", " + s.body().length
                                + "\r\n\r\n"), s.body())),
                new Probe("Content-Length with plus sign", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Content-Length: +" + s.body().length + "\r\n\r\n"), s.body())),
                new Probe("obs-fold continuing Transfer-Encoding", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Transfer-Encoding: identity\r\n chunked\r\n\r\n"),
                        chunked(s.body(), "\r\n"))),
                new Probe("whitespace before the colon", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Transfer-Encoding : chunked\r\nContent-Length: " + s.body().length
                                + "\r\n\r\n"), s.body())),
                new Probe("bare LF line endings", s -> RawHttp.concat(
                        RawHttp.bytes((head(s) + "Content-Length: " + s.body().length + "\r\n\r\n").replace("\r\n", "\n")),
                        s.body())),
                new Probe("bare LF after one header", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "X-Note: a\nContent-Length: " + s.body().length + "\r\n\r\n"), s.body())),
                new Probe("bare CR in a header", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "X-Note: a\rb\r\nContent-Length: " + s.body().length + "\r\n\r\n"),
                        s.body())),
                new Probe("chunk-size line ending in bare LF", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Transfer-Encoding: chunked\r\n\r\n"), chunked(s.body(), "\n"))),
                new Probe("chunk extension with bare LF", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Transfer-Encoding: chunked\r\n\r\n"), chunked(s.body(), ";ext=1\n"))),
                new Probe("chunk extension with an unterminated quoted string", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Transfer-Encoding: chunked\r\n\r\n"),
                        chunked(s.body(), ";ext=\"abc\r\n"))),
                new Probe("chunk extension with a control character", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Transfer-Encoding: chunked\r\n\r\n"),
                        chunked(s.body(), ";e\u0001xt\r\n"))),
                new Probe("chunk size not hex", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Transfer-Encoding: chunked\r\n\r\n"),
                        RawHttp.bytes("zz\r\n"), s.body(), RawHttp.bytes("\r\n0\r\n\r\n"))),
                new Probe("chunk data longer than its size", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Transfer-Encoding: chunked\r\n\r\n"),
                        RawHttp.bytes(Integer.toHexString(s.body().length - 10) + "\r\n"), s.body(),
                        RawHttp.bytes("\r\n0\r\n\r\n"))),
                new Probe("NUL in a header value", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "X-Note: a\u0000b\r\nContent-Length: " + s.body().length + "\r\n\r\n"),
                        s.body())),
                new Probe("NUL in a header name", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "X-No\u0000te: a\r\nContent-Length: " + s.body().length + "\r\n\r\n"),
                        s.body())),
                new Probe("space inside a header name", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "Content Length: 5\r\nContent-Length: " + s.body().length
                                + "\r\n\r\n"), s.body())),
                new Probe("leading control characters before the request line", s -> RawHttp.concat(
                        RawHttp.bytes("\u0001\u0002" + head(s) + "Content-Length: " + s.body().length + "\r\n\r\n"),
                        s.body())),
                new Probe("HTTP/1.0 request line with an absolute-form garbage version", s -> RawHttp.concat(
                        RawHttp.bytes(head(s).replace("HTTP/1.1", "HTTP/1.1x") + "Content-Length: " + s.body().length
                                + "\r\n\r\n"), s.body())));
    }

    /** obs-fold on an ordinary header: Netty joins the lines with a space, so nothing downstream sees it. */
    static Stream<Probe> obsFoldProbes() {
        return Stream.of(
                new Probe("obs-fold (header line starting with a space)", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "X-Note: first\r\n folded\r\nContent-Length: " + s.body().length
                                + "\r\n\r\n"), s.body())),
                new Probe("obs-fold with a tab", s -> RawHttp.concat(
                        RawHttp.bytes(head(s) + "X-Note: first\r\n\tfolded\r\nContent-Length: " + s.body().length
                                + "\r\n\r\n"), s.body())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("obsFoldProbes")
    @Order(1)
    void obsFoldIs400AndCloses(Probe probe) {
        smugglingProbeIs400AndCloses(probe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smugglingProbes")
    @Order(1)
    void smugglingProbeIs400AndCloses(Probe probe) {
        Signed s = signed();
        RawHttp.RawResponse r = RawHttp.exchange(gw.apiPort(), probe.bytes().apply(s));
        assertJsonError(r, 400);
        assertThat(r.after()).as("connection after %s", r).isEqualTo(RawHttp.After.CLOSED);
        assertJsonError(query(client, s.outTradeNo(), demo.mchid()), 404, "ORDER_NOT_EXIST");
    }

    @Test
    @Order(2)
    void aWellFormedRawRequestIsAcceptedOnTheSameSocketPath() {
        Signed s = signed();
        RawHttp.RawResponse r = RawHttp.exchange(gw.apiPort(), RawHttp.concat(
                RawHttp.bytes(head(s) + "Content-Length: " + s.body().length + "\r\nConnection: close\r\n\r\n"), s.body()));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        SignedClient.assertSigned(r, demo);
        Signed c = signed();
        RawHttp.RawResponse chunked = RawHttp.exchange(gw.apiPort(), RawHttp.concat(
                RawHttp.bytes(head(c) + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"),
                chunked(c.body(), "\r\n")));
        assertThat(chunked.status()).as("a plain chunked request is fine: %s", chunked).isEqualTo(200);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void afterAllOfItTheSdkStillCreatesOrders() {
        Config config = SdkClients.publicKeyConfig(demo);
        NativePayService pay = new NativePayService.Builder().config(config)
                .httpClient(SdkClients.httpClient(config, gw.apiPort())).build();
        PrepayRequest r = new PrepayRequest();
        r.setAppid(demo.appid());
        r.setMchid(demo.mchid());
        r.setDescription("after the storm");
        r.setOutTradeNo(otn("AFTER"));
        r.setNotifyUrl(OrderBodies.NOTIFY_URL);
        Amount a = new Amount();
        a.setTotal(1);
        r.setAmount(a);
        assertThat(pay.prepay(r).getCodeUrl()).startsWith("weixin://wxpay/bizpayurl?pr=");
    }
}
