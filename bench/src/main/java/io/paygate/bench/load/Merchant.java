package io.paygate.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paygate.signing.ApiV3Signatures;
import io.paygate.signing.Certificates;
import io.paygate.signing.Pem;
import io.paygate.signing.SigningKey;
import io.paygate.signing.Sm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The merchant the load runs as, and the requests it sends: whole HTTP/1.1 requests as bytes,
 * APIv3-signed with the merchant's private key exactly as an SDK signs them. Either the RSA demo
 * merchant of the {@code DIR/demo/merchant.json} a sandbox gateway writes (DemoMerchant), or
 * ({@link #provisionSm2}) a fresh merchant with an SM2 key, provisioned through the admin port, that
 * signs {@code WECHATPAY2-SM2-WITH-SM3} and names the platform SM2 certificate in
 * {@code Wechatpay-Serial}, so the gateway answers SM2-signed.
 */
final class Merchant {

    static final String NATIVE = "/v3/pay/transactions/native";
    static final String CODEPAY = "/v3/pay/transactions/codepay";
    static final String REFUNDS = "/v3/refund/domestic/refunds";
    private static final char[] ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    final String mchid;
    final String appid;
    final SigningKey key;
    final String wechatpaySerial;
    final String host;
    final int port;
    /** The platform's public keys by the serial a response names in {@code Wechatpay-Serial}. */
    final Map<String, PublicKey> platformKeys;
    private final SecureRandom random = new SecureRandom();

    private Merchant(JsonNode m, SigningKey key, String wechatpaySerial) throws IOException {
        mchid = m.get("mchid").asText();
        appid = m.get("appid").asText();
        this.key = key;
        this.wechatpaySerial = wechatpaySerial;
        URI api = URI.create(m.get("api_base_url").asText());
        host = api.getHost();
        port = api.getPort();
        platformKeys = platformKeys(m);
    }

    /** The demo merchant (RSA) of a sandbox gateway's {@code merchant.json}. */
    static Merchant load(Path merchantJson) throws IOException {
        JsonNode m = new ObjectMapper().readTree(merchantJson.toFile());
        return new Merchant(m, SigningKey.of(m.get("merchant_serial_no").asText(),
                Pem.readPrivateKey(Files.readString(Path.of(m.get("merchant_private_key_file").asText())))),
                m.get("platform_public_key_id").asText());
    }

    /**
     * A fresh merchant with a new SM2 key pair, provisioned by {@code POST /admin/v1/merchants}
     * ({@code adminBaseUrl}, bearer {@code token}); its requests name the platform SM2 certificate
     * serial of the admin answer. The private key stays in this process.
     */
    static Merchant provisionSm2(String adminBaseUrl, String token, String name) throws IOException, InterruptedException {
        SecureRandom rnd = new SecureRandom();
        KeyPair pair = Sm.generateSm2(rnd);
        String serial = Certificates.randomSerial(rnd).toString(16).toUpperCase(Locale.ROOT);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("merchant_public_key_pem", Pem.writePublicKey(pair.getPublic()));
        body.put("merchant_serial_no", serial);
        ObjectMapper json = new ObjectMapper();
        HttpRequest req = HttpRequest.newBuilder(URI.create(adminBaseUrl.replaceAll("/+$", "") + "/admin/v1/merchants"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> res = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 201) {
            throw new IllegalStateException("SM2 merchant provisioning answered " + res.statusCode() + ": " + res.body());
        }
        JsonNode m = json.readTree(res.body());
        JsonNode sm2Serial = m.get("platform_sm2_certificate_serial_no");
        if (sm2Serial == null || sm2Serial.isNull() || sm2Serial.asText().isEmpty()) {
            throw new IllegalStateException("the gateway has no SM2 platform certificate: " + res.body());
        }
        return new Merchant(m, SigningKey.of(serial, pair.getPrivate()), sm2Serial.asText());
    }

    /** Whether this merchant signs with SM2. */
    boolean sm2() {
        return Sm.isSm2(key.privateKey());
    }

    /** The Authorization schema of this merchant's requests. */
    String schema() {
        return ApiV3Signatures.schemaOf(key);
    }

    /** The platform public key, certificate and SM2 certificate named in a merchant.json or admin answer. */
    private static Map<String, PublicKey> platformKeys(JsonNode m) throws IOException {
        Map<String, PublicKey> out = new LinkedHashMap<>();
        String keyFile = text(m, "platform_public_key_file");
        if (keyFile != null && text(m, "platform_public_key_id") != null && Files.exists(Path.of(keyFile))) {
            out.put(text(m, "platform_public_key_id"), Pem.readPublicKey(Files.readString(Path.of(keyFile))));
        }
        for (String kind : new String[] {"platform_certificate", "platform_sm2_certificate"}) {
            String serial = text(m, kind + "_serial_no");
            String file = text(m, kind + "_file");
            if (serial != null && file != null && Files.exists(Path.of(file))) {
                out.put(serial, Pem.readCertificate(Files.readString(Path.of(file))).getPublicKey());
            }
        }
        return out;
    }

    private static String text(JsonNode m, String field) {
        JsonNode v = m.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    /** A signed request (the expensive part: one RSA or SM2 signature). Thread-safe. */
    byte[] signed(String method, String target, String body) {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String auth = ApiV3Signatures.authorization(mchid, key, method, target, b,
                Long.toString(System.currentTimeMillis() / 1000), nonce());
        return http(method, target, b, "Authorization: " + auth + "\r\nWechatpay-Serial: " + wechatpaySerial + "\r\n");
    }

    /** An unsigned request (the sandbox API is the payer's side). */
    byte[] plain(String method, String target, String body) {
        return http(method, target, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), "");
    }

    private byte[] http(String method, String target, byte[] body, String extraHeaders) {
        String head = method + " " + target + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + "User-Agent: paygate-loadgen\r\nAccept: application/json\r\n"
                + (body.length > 0 ? "Content-Type: application/json\r\n" : "")
                + extraHeaders + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[h.length + body.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    private String nonce() {
        char[] c = new char[32];
        synchronized (random) {
            for (int i = 0; i < c.length; i++) {
                c[i] = ALNUM[random.nextInt(ALNUM.length)];
            }
        }
        return new String(c);
    }

    String nativeBody(String outTradeNo, long totalFen, String notifyUrl) {
        return "{\"appid\":\"" + appid + "\",\"mchid\":\"" + mchid + "\",\"description\":\"Image形象店-深圳腾大-QQ公仔\","
                + "\"out_trade_no\":\"" + outTradeNo + "\",\"notify_url\":\"" + notifyUrl + "\","
                + "\"amount\":{\"total\":" + totalFen + ",\"currency\":\"CNY\"}}";
    }

    String codepayBody(String outTradeNo, long totalFen, String authCode) {
        return "{\"appid\":\"" + appid + "\",\"mchid\":\"" + mchid + "\",\"description\":\"Image形象店-深圳腾大-QQ公仔\","
                + "\"out_trade_no\":\"" + outTradeNo + "\",\"amount\":{\"total\":" + totalFen + ",\"currency\":\"CNY\"},"
                + "\"scene_info\":{\"store_info\":{\"id\":\"0001\"}},\"payer\":{\"auth_code\":\"" + authCode + "\"}}";
    }

    static String refundBody(String outTradeNo, String outRefundNo, long refundFen, long totalFen, String notifyUrl) {
        return "{\"out_trade_no\":\"" + outTradeNo + "\",\"out_refund_no\":\"" + outRefundNo + "\",\"notify_url\":\""
                + notifyUrl + "\",\"amount\":{\"refund\":" + refundFen + ",\"total\":" + totalFen + ",\"currency\":\"CNY\"}}";
    }

    String queryTarget(String outTradeNo) {
        return "/v3/pay/transactions/out-trade-no/" + outTradeNo + "?mchid=" + mchid;
    }
}
