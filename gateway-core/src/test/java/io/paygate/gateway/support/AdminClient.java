package io.paygate.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.signing.Certificates;
import io.paygate.signing.Keys;
import io.paygate.signing.Pem;
import io.paygate.signing.Sm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;

/** The admin port for tests: probes, merchant provisioning, ledger, with or without the bearer token. */
public final class AdminClient {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final String token;

    public AdminClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public static AdminClient of(TestGateway gw) {
        return new AdminClient(gw.adminBaseUrl(), gw.adminToken());
    }

    /** A request with this exact Authorization value (null: none). */
    public SignedClient.Response send(String method, String path, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new SignedClient.Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** With the right bearer token. */
    public SignedClient.Response send(String method, String path, String body) {
        return send(method, path, body, "Bearer " + token);
    }

    /** {@code GET /admin/v1/ledger}'s {@code state_hash}; fails unless the answer is 200. */
    public String stateHash() {
        SignedClient.Response r = send("GET", "/admin/v1/ledger", null);
        if (r.status() != 200) {
            throw new AssertionError("ledger: " + r);
        }
        return r.json().path("state_hash").asText();
    }

    /** The body of {@code POST /admin/v1/merchants}. */
    public static String merchantRequest(String name, String publicKeyPem, String serial) {
        return SignedClient.mapper().createObjectNode()
                .put("name", name)
                .put("merchant_public_key_pem", publicKeyPem)
                .put("merchant_serial_no", serial)
                .toString();
    }

    /** A merchant the test provisioned, with the private key only the test holds. */
    public record NewMerchant(MerchantInfo info, JsonNode created) {
    }

    /**
     * Generates an RSA-2048 key pair and a 40-hex serial, writes the private key to
     * {@code dir/<name>.pem}, provisions the merchant and returns a merchant.json-like description.
     */
    public NewMerchant provisionMerchant(String name, Path dir) {
        return provisionMerchant(name, dir, Keys.generateRsa2048(RANDOM));
    }

    /** Like {@link #provisionMerchant(String, Path)} with a national-crypto SM2 key pair. */
    public NewMerchant provisionSm2Merchant(String name, Path dir) {
        return provisionMerchant(name, dir, Sm.generateSm2(RANDOM));
    }

    /** Like {@link #provisionMerchant(String, Path)}, as a service provider (服务商). */
    public NewMerchant provisionServiceProvider(String name, Path dir) {
        return provision("/admin/v1/service-providers", name, dir, Keys.generateRsa2048(RANDOM));
    }

    /**
     * {@code POST /admin/v1/service-providers/{sp}/sub-merchants}; fails unless 201. The answer has
     * {@code sub_mchid}, {@code sub_appid}, {@code sp_mchid}, {@code fee_rate_ppm}, {@code commission_ppm}.
     */
    public JsonNode subMerchant(String spMchid, String name, Long feeRatePpm, Long commissionPpm) {
        return subMerchant(spMchid, name, feeRatePpm, commissionPpm, null);
    }

    /** Like {@link #subMerchant(String, String, Long, Long)} with a notify default. */
    public JsonNode subMerchant(String spMchid, String name, Long feeRatePpm, Long commissionPpm, String notifyUrl) {
        com.fasterxml.jackson.databind.node.ObjectNode body = SignedClient.mapper().createObjectNode().put("name", name);
        if (notifyUrl != null) {
            body.put("notify_url", notifyUrl);
        }
        if (feeRatePpm != null) {
            body.put("fee_rate_ppm", feeRatePpm);
        }
        if (commissionPpm != null) {
            body.put("commission_ppm", commissionPpm);
        }
        SignedClient.Response r = send("POST", "/admin/v1/service-providers/" + spMchid + "/sub-merchants", body.toString());
        if (r.status() != 201) {
            throw new AssertionError("sub-merchant " + name + ": " + r);
        }
        return r.json();
    }

    private NewMerchant provisionMerchant(String name, Path dir, KeyPair pair) {
        return provision("/admin/v1/merchants", name, dir, pair);
    }

    private NewMerchant provision(String path, String name, Path dir, KeyPair pair) {
        String serial = Certificates.randomSerial(RANDOM).toString(16).toUpperCase(Locale.ROOT);
        Path keyFile = dir.resolve(name + "_private_key.pem");
        try {
            Files.writeString(keyFile, Pem.writePrivateKey(pair.getPrivate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SignedClient.Response r = send("POST", path,
                merchantRequest(name, Pem.writePublicKey(pair.getPublic()), serial));
        if (r.status() != 201) {
            throw new AssertionError("provisioning " + name + ": " + r);
        }
        JsonNode j = r.json();
        MerchantInfo info = new MerchantInfo(j.path("mchid").asText(), j.path("appid").asText(), serial,
                keyFile.toString(), j.path("apiv3_key").asText(), j.path("apiv2_key").asText(),
                j.path("platform_public_key_id").asText(), j.path("platform_public_key_file").asText(),
                j.path("platform_certificate_serial_no").asText(), j.path("platform_certificate_file").asText(),
                j.path("platform_sm2_certificate_serial_no").asText(), j.path("platform_sm2_certificate_file").asText(),
                j.path("api_base_url").asText(), j.path("admin_base_url").asText());
        return new NewMerchant(info, j);
    }
}
