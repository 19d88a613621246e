package io.paygate.gateway.respond;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.paygate.codec.Json;
import io.paygate.codec.v3.ErrorBody;
import io.paygate.signing.ApiV3Signatures;
import io.paygate.signing.SigningKey;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Encodes replies into HTTP responses. 2xx: JSON body, signed over {@code timestamp\nnonce\nbody\n}
 * with the platform key the client expects, {@code Wechatpay-*} headers. Errors: unsigned
 * {@code {"code","message"}}. Runs on event loops (RSA signing is the expensive part of a request).
 */
public final class HttpReplies {

    public static final String CONTENT_TYPE_JSON = "application/json";
    public static final String H_TIMESTAMP = "Wechatpay-Timestamp";
    public static final String H_NONCE = "Wechatpay-Nonce";
    public static final String H_SIGNATURE = "Wechatpay-Signature";
    public static final String H_SERIAL = "Wechatpay-Serial";
    public static final String H_REQUEST_ID = "Request-ID";

    private static final char[] ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HttpReplies() {
    }

    /** Encodes and, for 2xx, signs a reply ({@code key} null: a plain, unsigned JSON answer). */
    public static FullHttpResponse encode(ByteBufAllocator alloc, Reply reply, SigningKey key, String requestId) {
        if (reply.isError()) {
            return error(alloc, reply.error(), requestId);
        }
        if (key == null) {
            return json(alloc, reply.status(), reply.body(), requestId);
        }
        byte[] body = reply.body() == null ? new byte[0] : Json.write(reply.body());
        return signed(alloc, reply.status(), body, key, requestId);
    }

    /** A signed 2xx with this exact body. */
    public static FullHttpResponse signed(ByteBufAllocator alloc, int status, byte[] body, SigningKey key, String requestId) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = nonce();
        String signature = ApiV3Signatures.sign(key, ApiV3Signatures.responseMessage(timestamp, nonce, body));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                body.length == 0 ? Unpooled.EMPTY_BUFFER : alloc.buffer(body.length).writeBytes(body));
        HttpHeaders h = response.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE_JSON);
        if (status != 204) {
            h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        h.set(H_TIMESTAMP, timestamp);
        h.set(H_NONCE, nonce);
        h.set(H_SIGNATURE, signature);
        h.set(H_SERIAL, key.keyId());
        h.set(H_REQUEST_ID, requestId);
        return response;
    }

    /** An unsigned error response with a JSON {@code code} and {@code message}. */
    public static FullHttpResponse error(ByteBufAllocator alloc, ApiError error, String requestId) {
        byte[] body = Json.write(new ErrorBody(error.code(), error.message()));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(error.status()), alloc.buffer(body.length).writeBytes(body));
        HttpHeaders h = response.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE_JSON);
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        h.set(H_REQUEST_ID, requestId);
        if (error.status() == 503 || error.status() == 429) {
            h.set(HttpHeaderNames.RETRY_AFTER, "1");
        }
        return response;
    }

    /** A plain JSON response (admin and sandbox endpoints, which are not WeChat Pay endpoints). */
    public static FullHttpResponse json(ByteBufAllocator alloc, int status, Object body, String requestId) {
        byte[] bytes = Json.write(body);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                alloc.buffer(bytes.length).writeBytes(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(H_REQUEST_ID, requestId);
        return response;
    }

    /** A response nonce: 32 characters of [0-9A-Za-z]. Not a secret, only unique. */
    static String nonce() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] c = new char[32];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHANUMERIC[r.nextInt(ALPHANUMERIC.length)];
        }
        return new String(c);
    }

    /** A request id: 32 hex characters, unique enough to find one request in the logs. */
    public static String requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] c = new char[32];
        long a = r.nextLong();
        long b = r.nextLong();
        for (int i = 0; i < 16; i++) {
            c[i] = HEX[(int) (a >>> (60 - 4 * i)) & 0xF];
            c[16 + i] = HEX[(int) (b >>> (60 - 4 * i)) & 0xF];
        }
        return new String(c);
    }
}
