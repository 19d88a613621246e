package io.paygate.gateway.respond;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
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

    /*
     * The same names and values as AsciiStrings for the responses built here: hashed once, copied into
     * the wire buffer as bytes. Response headers are not validated one by one: the names are these
     * constants, and every value is ours (digits, [0-9A-Za-z], base64, key ids, hex request ids).
     */
    private static final AsciiString A_TIMESTAMP = AsciiString.cached(H_TIMESTAMP);
    private static final AsciiString A_NONCE = AsciiString.cached(H_NONCE);
    private static final AsciiString A_SIGNATURE = AsciiString.cached(H_SIGNATURE);
    private static final AsciiString A_SERIAL = AsciiString.cached(H_SERIAL);
    private static final AsciiString A_REQUEST_ID = AsciiString.cached(H_REQUEST_ID);
    private static final AsciiString A_JSON = AsciiString.cached(CONTENT_TYPE_JSON);
    private static final AsciiString A_ONE = AsciiString.cached("1");
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    private static final HttpHeadersFactory TRAILERS = DefaultHttpHeadersFactory.trailersFactory().withValidation(false);

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
                body.length == 0 ? Unpooled.EMPTY_BUFFER : alloc.buffer(body.length).writeBytes(body), HEADERS, TRAILERS);
        HttpHeaders h = response.headers();
        h.add(HttpHeaderNames.CONTENT_TYPE, A_JSON);
        if (status != 204) {
            h.addInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        h.add(A_TIMESTAMP, timestamp);
        h.add(A_NONCE, nonce);
        h.add(A_SIGNATURE, signature);
        h.add(A_SERIAL, key.keyId());
        h.add(A_REQUEST_ID, requestId);
        return response;
    }

    /** An unsigned error response with a JSON {@code code} and {@code message}. */
    public static FullHttpResponse error(ByteBufAllocator alloc, ApiError error, String requestId) {
        byte[] body = Json.write(new ErrorBody(error.code(), error.message()));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(error.status()), alloc.buffer(body.length).writeBytes(body), HEADERS, TRAILERS);
        HttpHeaders h = response.headers();
        h.add(HttpHeaderNames.CONTENT_TYPE, A_JSON);
        h.addInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        h.add(A_REQUEST_ID, requestId);
        if (error.status() == 503 || error.status() == 429) {
            h.add(HttpHeaderNames.RETRY_AFTER, A_ONE);
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
