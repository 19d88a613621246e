package io.paygate.gateway.cli;

import io.paygate.codec.Json;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.signing.ApiV3Signatures;
import io.paygate.signing.Nonces;
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
import java.security.SecureRandom;
import java.util.Map;

/**
 * A small merchant backend: signs APIv3 requests with the merchant's key exactly as the SDKs do and
 * sends them to a gateway; also calls the unsigned sandbox API as the payer's app would. Used by
 * {@code paygate demo} and by system tests. Thread-safe.
 */
public final class MerchantClient {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final MerchantInfo info;
    private final SigningKey key;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    public MerchantClient(MerchantInfo info, String apiBaseUrl) {
        this.info = info;
        this.baseUrl = apiBaseUrl;
        try {
            this.key = SigningKey.of(info.merchantSerialNo(),
                    Pem.readPrivateKey(Files.readString(Path.of(info.merchantPrivateKeyFile()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MerchantInfo info() {
        return info;
    }

    /** A response: status, body text, headers. */
    public record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        /** The body as a JSON map. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            try {
                return Json.mapper().readValue(body, Map.class);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    /** A signed APIv3 request; {@code body} null for GET. */
    public Reply signed(String method, String pathAndQuery, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String auth = ApiV3Signatures.authorization(info.mchid(), key, method, pathAndQuery, bytes,
                Long.toString(System.currentTimeMillis() / 1000), Nonces.alphanumeric(RANDOM, 32));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Authorization", auth)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Wechatpay-Serial", info.platformPublicKeyId());
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        return send(b.build());
    }

    /** An unsigned sandbox call (the payer's side). */
    public Reply sandbox(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b.build());
    }

    private Reply send(HttpRequest req) {
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a sandbox payer with {@code balanceFen} and returns its openid. */
    public String newPayer(long balanceFen) {
        Reply r = sandbox("POST", "/sandbox/v1/payers", "{\"balance\":" + balanceFen + "}");
        if (r.status() != 200) {
            throw new IllegalStateException("payer creation failed: " + r.status() + " " + r.body());
        }
        return (String) r.json().get("openid");
    }

    /** A payer's balance in fen. */
    public long balance(String openid) {
        return ((Number) sandbox("GET", "/sandbox/v1/payers/" + openid, null).json().get("balance")).longValue();
    }

    /** A fresh pay code for the payer. */
    public String authCode(String openid) {
        return (String) sandbox("POST", "/sandbox/v1/payers/" + openid + "/auth-codes", null).json().get("auth_code");
    }
}
