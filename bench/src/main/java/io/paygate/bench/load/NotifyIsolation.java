package io.paygate.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.paygate.gateway.Gateway;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.config.GatewayConfig;
import io.paygate.signing.Keys;
import io.paygate.signing.Pem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Notification isolation (issue 4): one merchant's notify_url hangs (accepts the connection, never
 * answers), another merchant's answers at once. Measures the healthy merchant's first-attempt delay
 * (from the sandbox payment's answer to the notification's arrival) alone, and again while the
 * hanging merchant has a backlog of undelivered notifications, each attempt of which waits for the
 * 5 s deadline. An in-process sandbox gateway on loopback, its own temporary data dir.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.paygate.bench.load.NotifyIsolation [--payments N] [--backlog M] [--out FILE]</pre>
 */
public final class NotifyIsolation {

    private NotifyIsolation() {
    }

    public static void main(String[] args) throws Exception {
        int payments = 40;
        int backlog = 200;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--payments" -> payments = Integer.parseInt(args[++i]);
                case "--backlog" -> backlog = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("paygate-isolation");
        Map<String, Object> o = new HashMap<>();
        o.put("paygate.data-dir", dir.toString());
        o.put("paygate.api.port", 0);
        o.put("paygate.admin.port", 0);
        o.put("paygate.ticker.interval", "100ms");
        LinkedBlockingQueue<Long> healthyArrivals = new LinkedBlockingQueue<>();
        HttpServer healthy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        healthy.createContext("/", ex -> {
            healthyArrivals.add(System.nanoTime());
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        healthy.start();
        List<Socket> held = new CopyOnWriteArrayList<>();
        AtomicInteger hangingConnections = new AtomicInteger();
        ServerSocket hanging = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!hanging.isClosed()) {
                try {
                    held.add(hanging.accept()); // read nothing, answer nothing
                    hangingConnections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "hanging-merchant");
        acceptor.setDaemon(true);
        acceptor.start();

        Gateway gw = Gateway.start(GatewayConfig.load(null, o));
        try {
            MerchantInfo demo = gw.demoMerchant();
            MerchantClient good = new MerchantClient(demo, gw.apiBaseUrl());
            MerchantClient bad = new MerchantClient(provision(gw, dir), gw.apiBaseUrl());
            String healthyUrl = "http://127.0.0.1:" + healthy.getAddress().getPort() + "/notify";
            String hangingUrl = "http://127.0.0.1:" + hanging.getLocalPort() + "/notify";
            String payer = good.newPayer(1_000_000_000L);

            long[] alone = delays(good, payer, healthyUrl, "ALONE_", payments, healthyArrivals);
            for (int i = 0; i < backlog; i++) {
                pay(bad, payer, "HANGING_" + i, hangingUrl);
            }
            long[] beside = delays(good, payer, healthyUrl, "BESIDE_", payments, healthyArrivals);

            ObjectNode result = new ObjectMapper().createObjectNode();
            result.put("payments", payments);
            result.put("hanging_backlog", backlog);
            result.put("hanging_connections", hangingConnections.get());
            put(result.putObject("alone_ms"), alone);
            put(result.putObject("beside_hanging_ms"), beside);
            String json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result);
            System.out.println(json);
            if (out != null) {
                Files.writeString(out, json);
            }
        } finally {
            gw.close();
            healthy.stop(0);
            hanging.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /** Sequential payments for the healthy merchant: each one's delay until its notification arrives. */
    private static long[] delays(MerchantClient m, String payer, String url, String prefix, int n,
                                 LinkedBlockingQueue<Long> arrivals) throws InterruptedException {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            arrivals.clear();
            long paidAt = pay(m, payer, prefix + i, url);
            Long arrived = arrivals.poll(30, TimeUnit.SECONDS);
            if (arrived == null) {
                throw new IllegalStateException("no notification for " + prefix + i + " within 30 s");
            }
            out[i] = arrived - paidAt;
        }
        return out;
    }

    /** A Native order paid in the sandbox; returns the time the payment was answered. */
    private static long pay(MerchantClient m, String payer, String outTradeNo, String notifyUrl) {
        MerchantInfo info = m.info();
        MerchantClient.Reply created = m.signed("POST", "/v3/pay/transactions/native",
                "{\"appid\":\"" + info.appid() + "\",\"mchid\":\"" + info.mchid() + "\",\"description\":\"isolation\","
                        + "\"out_trade_no\":\"" + outTradeNo + "\",\"notify_url\":\"" + notifyUrl + "\","
                        + "\"amount\":{\"total\":100}}");
        if (created.status() != 200) {
            throw new IllegalStateException("order " + outTradeNo + ": " + created.status() + " " + created.body());
        }
        MerchantClient.Reply paid = m.sandbox("POST", "/sandbox/v1/payments",
                "{\"openid\":\"" + payer + "\",\"code_url\":\"" + created.json().get("code_url") + "\"}");
        if (paid.status() != 200) {
            throw new IllegalStateException("payment " + outTradeNo + ": " + paid.status() + " " + paid.body());
        }
        return System.nanoTime();
    }

    /** A second merchant, provisioned through the admin port with a fresh RSA key. */
    private static MerchantInfo provision(Gateway gw, Path dir) throws Exception {
        KeyPair pair = Keys.generateRsa2048(new SecureRandom());
        Path keyFile = dir.resolve("hanging_private_key.pem");
        Files.writeString(keyFile, Pem.writePrivateKey(pair.getPrivate()));
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = json.createObjectNode().put("name", "hanging merchant")
                .put("merchant_public_key_pem", Pem.writePublicKey(pair.getPublic()))
                .put("merchant_serial_no", "4A1B2C3D4E5F60718293A4B5C6D7E8F901234567");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gw.adminBaseUrl() + "/admin/v1/merchants"))
                .header("Authorization", "Bearer " + gw.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("provisioning: " + r.statusCode() + " " + r.body());
        }
        JsonNode j = json.readTree(r.body());
        return new MerchantInfo(j.path("mchid").asText(), j.path("appid").asText(), j.path("merchant_serial_no").asText(),
                keyFile.toString(), j.path("apiv3_key").asText(), j.path("apiv2_key").asText(),
                j.path("platform_public_key_id").asText(), j.path("platform_public_key_file").asText(),
                j.path("platform_certificate_serial_no").asText(), j.path("platform_certificate_file").asText(),
                j.path("platform_sm2_certificate_serial_no").asText(), j.path("platform_sm2_certificate_file").asText(),
                j.path("api_base_url").asText(), j.path("admin_base_url").asText());
    }

    private static void put(ObjectNode o, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        List<Double> ms = new ArrayList<>();
        for (long v : sorted) {
            ms.add(v / 1e6);
        }
        o.put("p50", ms.get(ms.size() / 2));
        o.put("p99", ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.99) - 1)));
        o.put("max", ms.get(ms.size() - 1));
    }
}
