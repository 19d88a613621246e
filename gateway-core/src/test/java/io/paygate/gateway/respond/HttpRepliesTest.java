package io.paygate.gateway.respond;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.ReferenceCountUtil;
import io.paygate.codec.Json;
import io.paygate.codec.v3.PrepayResponses;
import io.paygate.signing.ApiV3Signatures;
import io.paygate.signing.Keys;
import io.paygate.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRepliesTest {

    static final String KEY_ID = "PUB_KEY_ID_0112860886012025062700111588000000";
    static final String REQUEST_ID = "08F78BB5AF0D11E9AE3B0242AC110002";
    static KeyPair platform;
    static SigningKey signer;

    final ByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
    final List<FullHttpResponse> toRelease = new ArrayList<>();

    @BeforeAll
    static void keys() {
        platform = Keys.generateRsa2048(new SecureRandom());
        signer = SigningKey.of(KEY_ID, platform.getPrivate());
    }

    @AfterEach
    void release() {
        toRelease.forEach(ReferenceCountUtil::release);
    }

    FullHttpResponse keep(FullHttpResponse r) {
        toRelease.add(r);
        return r;
    }

    static byte[] content(FullHttpResponse r) {
        byte[] b = new byte[r.content().readableBytes()];
        r.content().getBytes(r.content().readerIndex(), b);
        return b;
    }

    static boolean signatureVerifies(FullHttpResponse r, byte[] body) {
        HttpHeaders h = r.headers();
        byte[] message = ApiV3Signatures.responseMessage(h.get(HttpReplies.H_TIMESTAMP), h.get(HttpReplies.H_NONCE), body);
        return ApiV3Signatures.verify(platform.getPublic(), message, h.get(HttpReplies.H_SIGNATURE));
    }

    // ---------------------------------------------------------------- signed 2xx

    @Test
    void signedResponseCarriesEveryWechatpayHeader() {
        byte[] body = "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=abc\"}".getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = keep(HttpReplies.signed(alloc, 200, body, signer, REQUEST_ID));
        HttpHeaders h = r.headers();
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(h.get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(h.getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(body.length);
        assertThat(h.get(HttpReplies.H_TIMESTAMP)).matches("[0-9]{10}");
        assertThat(h.get(HttpReplies.H_NONCE)).matches("[0-9A-Za-z]{32}");
        assertThat(h.get(HttpReplies.H_SIGNATURE)).isNotEmpty();
        assertThat(h.get(HttpReplies.H_SERIAL)).isEqualTo(KEY_ID);
        assertThat(h.get(HttpReplies.H_REQUEST_ID)).isEqualTo(REQUEST_ID);
        assertThat(content(r)).isEqualTo(body);
    }

    @Test
    void signedResponseTimestampIsTheCurrentUnixSecond() {
        long before = System.currentTimeMillis() / 1000;
        FullHttpResponse r = keep(HttpReplies.signed(alloc, 200, new byte[] {'{', '}'}, signer, REQUEST_ID));
        long after = System.currentTimeMillis() / 1000;
        assertThat(Long.parseLong(r.headers().get(HttpReplies.H_TIMESTAMP))).isBetween(before, after);
    }

    @Test
    void signatureVerifiesOverTimestampNonceAndBody() {
        byte[] body = "{\"prepay_id\":\"wx201410272009395522657a690389285100\"}".getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = keep(HttpReplies.signed(alloc, 200, body, signer, REQUEST_ID));
        String expectedMessage = r.headers().get(HttpReplies.H_TIMESTAMP) + "\n" + r.headers().get(HttpReplies.H_NONCE)
                + "\n" + new String(body, StandardCharsets.UTF_8) + "\n";
        assertThat(ApiV3Signatures.verify(platform.getPublic(), expectedMessage.getBytes(StandardCharsets.UTF_8),
                r.headers().get(HttpReplies.H_SIGNATURE))).isTrue();
        byte[] other = body.clone();
        other[3] ^= 1;
        assertThat(signatureVerifies(r, other)).as("a different body does not verify").isFalse();
    }

    @Test
    void noContentIsSignedOverAnEmptyLastLine() {
        FullHttpResponse r = keep(HttpReplies.signed(alloc, 204, new byte[0], signer, REQUEST_ID));
        HttpHeaders h = r.headers();
        assertThat(r.status().code()).isEqualTo(204);
        assertThat(h.contains(HttpHeaderNames.CONTENT_LENGTH)).isFalse();
        assertThat(h.get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(r.content().readableBytes()).isZero();
        String message = h.get(HttpReplies.H_TIMESTAMP) + "\n" + h.get(HttpReplies.H_NONCE) + "\n\n";
        assertThat(ApiV3Signatures.verify(platform.getPublic(), message.getBytes(StandardCharsets.UTF_8),
                h.get(HttpReplies.H_SIGNATURE))).isTrue();
        assertThat(h.get(HttpReplies.H_SERIAL)).isEqualTo(KEY_ID);
        assertThat(h.get(HttpReplies.H_REQUEST_ID)).isEqualTo(REQUEST_ID);
    }

    @Test
    void acceptedIsSignedLikeAnyOther2xx() {
        byte[] body = "{\"trade_state\":\"USERPAYING\"}".getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = keep(HttpReplies.signed(alloc, 202, body, signer, REQUEST_ID));
        assertThat(r.status().code()).isEqualTo(202);
        assertThat(r.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(body.length);
        assertThat(signatureVerifies(r, body)).isTrue();
    }

    @Test
    void eachResponseGetsItsOwnNonce() {
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            nonces.add(keep(HttpReplies.signed(alloc, 204, new byte[0], signer, REQUEST_ID)).headers().get(HttpReplies.H_NONCE));
        }
        assertThat(nonces).hasSize(20);
    }

    @Test
    void encodeSignsTheJsonOfTheBody() {
        FullHttpResponse r = keep(HttpReplies.encode(alloc, Reply.ok(new PrepayResponses.CodeUrl("weixin://wxpay/bizpayurl?pr=x")),
                signer, REQUEST_ID));
        byte[] body = content(r);
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"code_url\":\"weixin://wxpay/bizpayurl?pr=x\"}");
        assertThat(signatureVerifies(r, body)).isTrue();
    }

    @Test
    void encodeOfNoContentIsASigned204() {
        FullHttpResponse r = keep(HttpReplies.encode(alloc, Reply.noContent(), signer, REQUEST_ID));
        assertThat(r.status().code()).isEqualTo(204);
        assertThat(signatureVerifies(r, new byte[0])).isTrue();
    }

    @Test
    void encodeOfAnErrorIsTheUnsignedError() {
        FullHttpResponse r = keep(HttpReplies.encode(alloc, Reply.error(ApiError.paramError("参数错误")), signer, REQUEST_ID));
        assertThat(r.status().code()).isEqualTo(400);
        assertThat(r.headers().contains(HttpReplies.H_SIGNATURE)).isFalse();
    }

    // ---------------------------------------------------------------- errors

    @Test
    void errorHasJsonCodeAndMessage() {
        FullHttpResponse r = keep(HttpReplies.error(alloc, ApiError.signError("签名错误"), REQUEST_ID));
        byte[] body = content(r);
        JsonNode json = Json.readTree(body, 0, body.length);
        assertThat(r.status().code()).isEqualTo(401);
        assertThat(json.path("code").asText()).isEqualTo("SIGN_ERROR");
        assertThat(json.path("message").asText()).isEqualTo("签名错误");
        assertThat(json.has("detail")).isFalse();
        assertThat(r.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(r.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(body.length);
        assertThat(r.headers().get(HttpReplies.H_REQUEST_ID)).isEqualTo(REQUEST_ID);
    }

    @Test
    void errorIsNotSigned() {
        FullHttpResponse r = keep(HttpReplies.error(alloc, ApiError.notFound("不存在"), REQUEST_ID));
        for (String h : List.of(HttpReplies.H_TIMESTAMP, HttpReplies.H_NONCE, HttpReplies.H_SIGNATURE, HttpReplies.H_SERIAL)) {
            assertThat(r.headers().contains(h)).as(h).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 503})
    void retryableErrorSaysWhenToRetry(int status) {
        FullHttpResponse r = keep(HttpReplies.error(alloc, new ApiError(status, "X", "稍后重试"), REQUEST_ID));
        assertThat(r.headers().get(HttpHeaderNames.RETRY_AFTER)).isEqualTo("1");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 408, 413, 431, 500})
    void otherErrorsHaveNoRetryAfter(int status) {
        FullHttpResponse r = keep(HttpReplies.error(alloc, new ApiError(status, "X", "m"), REQUEST_ID));
        assertThat(r.headers().contains(HttpHeaderNames.RETRY_AFTER)).isFalse();
    }

    @Test
    void requestIdIs32UppercaseHex() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String id = HttpReplies.requestId();
            assertThat(id).matches("[0-9A-F]{32}");
            ids.add(id);
        }
        assertThat(ids).hasSize(20);
    }
}
