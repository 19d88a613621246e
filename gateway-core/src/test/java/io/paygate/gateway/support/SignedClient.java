package io.paygate.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.signing.ApiV3Signatures;
import io.paygate.signing.AuthorizationHeader;
import io.paygate.signing.Pem;
import io.paygate.signing.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A raw APIv3 client for system tests: it signs a request as a merchant would (reference §1.1) and
 * lets a test override every part of it — method, target (path and query), body, the bytes that were
 * signed, timestamp, nonce, the mchid and serial_no inside {@code Authorization}, the whole header,
 * {@code Wechatpay-Serial} — so hostile variants are one line each. Responses come back whole
 * (status, headers, raw body bytes), and {@link #assertSigned} checks a 2xx response signature with
 * the platform key its {@code Wechatpay-Serial} names.
 *
 * <p>Uses {@link java.net.http.HttpClient} over HTTP/1.1, so requests are well-formed HTTP; framing
 * probes go through {@link RawHttp} instead.
 */
public final class SignedClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final String mchid;
    private final SigningKey key;
    private final String wechatpaySerial;

    /**
     * @param baseUrl {@code http://127.0.0.1:port}
     * @param key the merchant private key with its certificate serial as id
     * @param wechatpaySerial what {@code Wechatpay-Serial} carries by default (null: not sent)
     */
    public SignedClient(String baseUrl, String mchid, SigningKey key, String wechatpaySerial) {
        this.baseUrl = baseUrl;
        this.mchid = mchid;
        this.key = key;
        this.wechatpaySerial = wechatpaySerial;
    }

    /** A client for a merchant described like merchant.json, sending {@code Wechatpay-Serial: PUB_KEY_ID_...}. */
    public static SignedClient of(MerchantInfo m) {
        return new SignedClient(m.apiBaseUrl(), m.mchid(), SigningKey.of(m.merchantSerialNo(),
                readPrivateKey(Path.of(m.merchantPrivateKeyFile()))), m.platformPublicKeyId());
    }

    public static PrivateKey readPrivateKey(Path file) {
        return Pem.readPrivateKey(read(file));
    }

    public String mchid() {
        return mchid;
    }

    public SigningKey key() {
        return key;
    }

    public Call get(String target) {
        return new Call("GET", target, new byte[0]);
    }

    public Call post(String target, String jsonBody) {
        return new Call("POST", target, jsonBody.getBytes(StandardCharsets.UTF_8));
    }

    public Call post(String target, byte[] body) {
        return new Call("POST", target, body);
    }

    /** Shortcut: a correctly signed GET. */
    public Response send(String method, String target, String body) {
        return new Call(method, target, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)).send();
    }

    /** A fresh nonce as wechatpay-java makes them: 32 characters of {@code [0-9A-Za-z]}. */
    public static String nonce() {
        char[] c = new char[32];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALNUM[RANDOM.nextInt(ALNUM.length)];
        }
        return new String(c);
    }

    public static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    /** One request; every part can be overridden before {@link #send()}. */
    public final class Call {
        private String method;
        private String target;
        private byte[] body;
        private String signedMethod;
        private String signedTarget;
        private byte[] signedBody;
        private String timestamp = Long.toString(nowSeconds());
        private String nonce = SignedClient.nonce();
        private String authMchid = mchid;
        private SigningKey signingKey = key;
        private String authSerial;
        private String authorization;
        private boolean omitAuthorization;
        private String serialHeader = wechatpaySerial;
        private final Map<String, String> headers = new LinkedHashMap<>();

        Call(String method, String target, byte[] body) {
            this.method = method;
            this.target = target;
            this.body = body;
            headers.put("Accept", "application/json");
            if (body.length > 0) {
                headers.put("Content-Type", "application/json; charset=utf-8");
            }
        }

        /** The method sent (the signed one stays as it was unless {@link #signedMethod} says otherwise). */
        public Call method(String m) {
            if (signedMethod == null) {
                signedMethod = method;
            }
            method = m;
            return this;
        }

        public Call signedMethod(String m) {
            signedMethod = m;
            return this;
        }

        /** Path and query sent; the signature covers the original target unless overridden. */
        public Call target(String t) {
            if (signedTarget == null) {
                signedTarget = target;
            }
            target = t;
            return this;
        }

        public Call signedTarget(String t) {
            signedTarget = t;
            return this;
        }

        /** Replaces the body after signing: the signature still covers the original body. */
        public Call bodyAfterSigning(byte[] b) {
            if (signedBody == null) {
                signedBody = body;
            }
            body = b;
            return this;
        }

        public Call bodyAfterSigning(String b) {
            return bodyAfterSigning(b.getBytes(StandardCharsets.UTF_8));
        }

        public Call timestamp(long epochSeconds) {
            return timestamp(Long.toString(epochSeconds));
        }

        public Call timestamp(String t) {
            timestamp = t;
            return this;
        }

        public Call nonce(String n) {
            nonce = n;
            return this;
        }

        public String nonceValue() {
            return nonce;
        }

        public String timestampValue() {
            return timestamp;
        }

        /** The mchid inside {@code Authorization}. */
        public Call authMchid(String m) {
            authMchid = m;
            return this;
        }

        /** The serial_no inside {@code Authorization} (the key that signs stays the merchant's). */
        public Call authSerial(String s) {
            authSerial = s;
            return this;
        }

        /** Signs with another private key. */
        public Call signWith(SigningKey k) {
            signingKey = k;
            return this;
        }

        /** The whole {@code Authorization} value, verbatim. */
        public Call authorization(String value) {
            authorization = value;
            return this;
        }

        public Call noAuthorization() {
            omitAuthorization = true;
            return this;
        }

        /** {@code Wechatpay-Serial} on the request; null leaves it out. */
        public Call wechatpaySerial(String s) {
            serialHeader = s;
            return this;
        }

        public Call header(String name, String value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        /** The {@code Authorization} value this call sends (null when none). */
        public String authorizationValue() {
            if (omitAuthorization) {
                return null;
            }
            if (authorization != null) {
                return authorization;
            }
            byte[] signed = signedBody != null ? signedBody : body;
            String signature = ApiV3Signatures.sign(signingKey, ApiV3Signatures.requestMessage(
                    signedMethod != null ? signedMethod : method, signedTarget != null ? signedTarget : target,
                    timestamp, nonce, signed, 0, signed.length));
            return AuthorizationHeader.SCHEMA_SHA256_RSA2048
                    + " mchid=\"" + authMchid
                    + "\",nonce_str=\"" + nonce
                    + "\",timestamp=\"" + timestamp
                    + "\",serial_no=\"" + (authSerial != null ? authSerial : signingKey.keyId())
                    + "\",signature=\"" + signature + "\"";
        }

        /** The request as bytes on the wire (for {@link RawHttp}); Host names 127.0.0.1. */
        public byte[] toBytes() {
            StringBuilder sb = new StringBuilder();
            sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            sb.append("Host: ").append(URI.create(baseUrl).getAuthority()).append("\r\n");
            for (var h : allHeaders().entrySet()) {
                sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
            sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[head.length + body.length];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(body, 0, out, head.length, body.length);
            return out;
        }

        private Map<String, String> allHeaders() {
            Map<String, String> all = new LinkedHashMap<>(headers);
            String auth = authorizationValue();
            if (auth != null) {
                all.put("Authorization", auth);
            }
            if (serialHeader != null) {
                all.put("Wechatpay-Serial", serialHeader);
            }
            all.putIfAbsent("User-Agent", "paygate-system-test");
            return all;
        }

        public Response send() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + target))
                    .timeout(Duration.ofSeconds(15))
                    .method(method, body.length == 0 && !method.equals("POST")
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (var h : allHeaders().entrySet()) {
                b.header(h.getKey(), h.getValue());
            }
            try {
                HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Response(r.statusCode(), r.headers().map(), r.body());
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + target + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** A whole response: status, headers (names as received), raw body. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) implements Reply {

        @Override
        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().isEmpty() ? null : e.getValue().get(0);
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    /** What {@link SignedClient} and {@link RawHttp} responses have in common. */
    public interface Reply {
        int status();

        byte[] body();

        String header(String name);

        default String text() {
            return new String(body(), StandardCharsets.UTF_8);
        }

        default JsonNode json() {
            try {
                return JSON.readTree(body());
            } catch (IOException e) {
                throw new AssertionError("response body is not JSON: " + text(), e);
            }
        }

        default String code() {
            return json().path("code").asText(null);
        }

        default String message() {
            return json().path("message").asText(null);
        }
    }

    // ---- assertions shared by the system tests ----

    /**
     * Asserts a WeChat-Pay-style error: the status, {@code Content-Type: application/json}, and a JSON
     * body carrying both {@code code} and {@code message} (non-empty strings).
     */
    public static JsonNode assertJsonError(Reply r, int status) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        return assertJsonErrorBody(r);
    }

    /** {@link #assertJsonError} for any non-2xx status. */
    public static JsonNode assertJsonErrorBody(Reply r) {
        assertThat(r.status() < 200 || r.status() > 299).as("an error status: %s", r).isTrue();
        assertThat(r.header("Content-Type")).as("Content-Type of %s", r).startsWith("application/json");
        JsonNode json = r.json();
        assertThat(json.isObject()).as("JSON object body: %s", r).isTrue();
        assertThat(json.path("code").isTextual() && !json.path("code").asText().isEmpty())
                .as("non-empty code in %s", r).isTrue();
        assertThat(json.path("message").isTextual() && !json.path("message").asText().isEmpty())
                .as("non-empty message in %s", r).isTrue();
        return json;
    }

    public static JsonNode assertJsonError(Reply r, int status, String code) {
        JsonNode json = assertJsonError(r, status);
        assertThat(json.path("code").asText()).as("code of %s", r).isEqualTo(code);
        return json;
    }

    /**
     * Asserts a signed 2xx (reference §1.3): {@code Wechatpay-Timestamp/Nonce/Signature/Serial},
     * {@code Request-ID}, {@code Content-Type: application/json}, a timestamp within the SDK's 5-minute
     * window, and a signature over {@code timestamp\nnonce\nbody\n} that verifies with the platform key
     * the serial names (public key for {@code PUB_KEY_ID_...}, else the platform certificate).
     *
     * @return the {@code Wechatpay-Serial} of the response
     */
    public static String assertSigned(Reply r, MerchantInfo platform) {
        assertThat(r.status()).as("2xx: %s", r).isBetween(200, 299);
        String ts = r.header("Wechatpay-Timestamp");
        String nonce = r.header("Wechatpay-Nonce");
        String signature = r.header("Wechatpay-Signature");
        String serial = r.header("Wechatpay-Serial");
        assertThat(ts).as("Wechatpay-Timestamp").isNotBlank();
        assertThat(nonce).as("Wechatpay-Nonce").isNotBlank();
        assertThat(signature).as("Wechatpay-Signature").isNotBlank();
        assertThat(serial).as("Wechatpay-Serial").isNotBlank();
        assertThat(r.header("Request-ID")).as("Request-ID").isNotBlank();
        assertThat(r.header("Content-Type")).as("Content-Type").startsWith("application/json");
        assertThat(Math.abs(Long.parseLong(ts) - nowSeconds())).as("response timestamp skew").isLessThan(300);
        PublicKey key = platformKey(platform, serial);
        assertThat(key).as("Wechatpay-Serial %s names a platform key", serial).isNotNull();
        assertThat(ApiV3Signatures.verify(key, ApiV3Signatures.responseMessage(ts, nonce, r.body()), signature))
                .as("Wechatpay-Signature verifies with key %s", serial).isTrue();
        return serial;
    }

    /** The platform public key with this id: the WeChat Pay public key or the certificate's key; null if neither. */
    public static PublicKey platformKey(MerchantInfo m, String serial) {
        if (serial == null) {
            return null;
        }
        if (serial.equals(m.platformPublicKeyId())) {
            return Pem.readPublicKey(read(Path.of(m.platformPublicKeyFile())));
        }
        if (serial.toUpperCase(Locale.ROOT).equals(m.platformCertificateSerialNo())) {
            return Pem.readCertificate(read(Path.of(m.platformCertificateFile()))).getPublicKey();
        }
        return null;
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON text (test fixtures). */
    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectMapper mapper() {
        return JSON;
    }

    /** A copy of a JSON object with an edit applied (test fixtures). */
    public static String edit(String json, Consumer<ObjectNode> edit) {
        ObjectNode node = (ObjectNode) parse(json);
        edit.accept(node);
        return node.toString();
    }
}
