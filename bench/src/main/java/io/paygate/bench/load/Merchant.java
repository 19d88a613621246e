package io.paygate.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paygate.signing.ApiV3Signatures;
import io.paygate.signing.Pem;
import io.paygate.signing.SigningKey;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The merchant the load runs as, read from the {@code DIR/demo/merchant.json} a sandbox gateway
 * writes (DemoMerchant), and the requests it sends: whole HTTP/1.1 requests as bytes, APIv3-signed
 * with the merchant's private key exactly as an SDK signs them.
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
    private final SecureRandom random = new SecureRandom();

    private Merchant(JsonNode m) throws IOException {
        mchid = m.get("mchid").asText();
        appid = m.get("appid").asText();
        key = SigningKey.of(m.get("merchant_serial_no").asText(),
                Pem.readPrivateKey(Files.readString(Path.of(m.get("merchant_private_key_file").asText()))));
        wechatpaySerial = m.get("platform_public_key_id").asText();
        URI api = URI.create(m.get("api_base_url").asText());
        host = api.getHost();
        port = api.getPort();
    }

    static Merchant load(Path merchantJson) throws IOException {
        return new Merchant(new ObjectMapper().readTree(merchantJson.toFile()));
    }

    /** A signed request (the expensive part: one RSA signature). Thread-safe. */
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
