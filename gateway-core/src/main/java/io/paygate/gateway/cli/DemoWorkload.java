package io.paygate.gateway.cli;

import io.paygate.codec.Json;
import io.paygate.gateway.Gateway;
import io.paygate.gateway.admin.MerchantInfo;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The demo's scripted traffic, through the real API: Native and JSAPI orders paid in the sandbox,
 * codepay within the password-free limit, above it with the password entered, above it and reversed,
 * and partial refunds of paid orders. Scenarios start at a fixed rate on a small worker pool.
 */
final class DemoWorkload {

    private static final int WORKERS = 4;
    private static final int PAYERS = 16;
    private static final long PAYER_BALANCE_FEN = 1_000_000_000L;

    private final Gateway gateway;
    private final MerchantInfo demo;
    private final MerchantClient client;
    private final long passwordFreeLimitFen;
    private final double rate;
    private final PrintStream out;
    private final List<String> payers = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> refundable = new ConcurrentLinkedQueue<>();
    private final Recorder latency = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private final AtomicLong scenarios = new AtomicLong();
    private final AtomicLong orders = new AtomicLong();
    private final AtomicLong payments = new AtomicLong();
    private final AtomicLong userpaying = new AtomicLong();
    private final AtomicLong reversals = new AtomicLong();
    private final AtomicLong refunds = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong notificationsReceived = new AtomicLong();
    private HttpServer backend;
    private String notifyUrl;
    private final long runId = System.currentTimeMillis() % 1_000_000_000L;
    private ScheduledExecutorService clock;
    private ThreadPoolExecutor workers;
    private long startedAtNanos;
    private long lastOrders;
    private Map<String, Object> ledger;

    DemoWorkload(Gateway gateway, long passwordFreeLimitFen, double rate, PrintStream out) {
        this.gateway = gateway;
        this.demo = gateway.demoMerchant();
        this.client = new MerchantClient(demo, gateway.apiBaseUrl());
        this.passwordFreeLimitFen = passwordFreeLimitFen;
        this.rate = rate;
        this.out = out;
    }

    void start() {
        startMerchantBackend();
        for (int i = 0; i < PAYERS; i++) {
            payers.add(client.newPayer(PAYER_BALANCE_FEN));
        }
        workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(256),
                r -> daemon(r, "paygate-demo-worker"), (r, pool) -> skipped.incrementAndGet());
        clock = Executors.newScheduledThreadPool(1, r -> daemon(r, "paygate-demo-clock"));
        long periodMicros = Math.max(100, (long) (1_000_000 / rate));
        clock.scheduleAtFixedRate(() -> workers.execute(this::scenario), 0, periodMicros, TimeUnit.MICROSECONDS);
        clock.scheduleAtFixedRate(this::progress, 1, 1, TimeUnit.SECONDS);
        startedAtNanos = System.nanoTime();
    }

    /** The demo merchant's notify_url: a local endpoint that acknowledges every notification with 200. */
    private void startMerchantBackend() {
        try {
            backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo merchant's notify endpoint", e);
        }
        backend.createContext("/notify", ex -> {
            ex.getRequestBody().readAllBytes();
            notificationsReceived.incrementAndGet();
            byte[] ok = "{\"code\":\"SUCCESS\",\"message\":\"成功\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        backend.setExecutor(Executors.newFixedThreadPool(2, r -> daemon(r, "paygate-demo-merchant")));
        backend.start();
        notifyUrl = "http://127.0.0.1:" + backend.getAddress().getPort() + "/notify";
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void scenario() {
        long n = scenarios.incrementAndGet();
        String payer = payers.get((int) (n % payers.size()));
        try {
            switch ((int) (n % 6)) {
                case 0 -> nativePaid(n, payer);
                case 1 -> jsapiPaid(n, payer);
                case 2 -> codepay(n, payer, 1 + n % 5_000, false);
                case 3 -> codepay(n, payer, passwordFreeLimitFen + 1 + n % 1_000, false);
                case 4 -> codepay(n, payer, passwordFreeLimitFen + 1 + n % 1_000, true);
                default -> refundOne(n);
            }
        } catch (RuntimeException e) {
            errors.incrementAndGet();
        }
    }

    private MerchantClient.Reply call(String method, String path, String body, boolean signed) {
        long t0 = System.nanoTime();
        MerchantClient.Reply r = signed ? client.signed(method, path, body) : client.sandbox(method, path, body);
        latency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
        if (r.status() >= 300 && r.status() != 202) {
            errors.incrementAndGet();
        }
        return r;
    }

    private String outTradeNo(String kind, long n) {
        return "DEMO" + runId + kind + n;
    }

    private String prepayBody(String outTradeNo, long total, String payerOpenid) {
        return "{\"appid\":\"" + demo.appid() + "\",\"mchid\":\"" + demo.mchid() + "\",\"description\":\"Paygate demo\","
                + "\"out_trade_no\":\"" + outTradeNo + "\",\"notify_url\":\"" + notifyUrl + "\","
                + "\"amount\":{\"total\":" + total + ",\"currency\":\"CNY\"}"
                + (payerOpenid == null ? "" : ",\"payer\":{\"openid\":\"" + payerOpenid + "\"}") + "}";
    }

    private void nativePaid(long n, String payer) {
        String no = outTradeNo("N", n);
        MerchantClient.Reply r = call("POST", "/v3/pay/transactions/native", prepayBody(no, 100 + n % 10_000, null), true);
        if (r.status() != 200) {
            return;
        }
        orders.incrementAndGet();
        String codeUrl = (String) r.json().get("code_url");
        pay(no, "{\"openid\":\"" + payer + "\",\"code_url\":\"" + codeUrl + "\"}");
    }

    private void jsapiPaid(long n, String payer) {
        String no = outTradeNo("J", n);
        MerchantClient.Reply r = call("POST", "/v3/pay/transactions/jsapi", prepayBody(no, 100 + n % 10_000, payer), true);
        if (r.status() != 200) {
            return;
        }
        orders.incrementAndGet();
        pay(no, "{\"openid\":\"" + payer + "\",\"prepay_id\":\"" + r.json().get("prepay_id") + "\"}");
    }

    private void pay(String outTradeNo, String body) {
        if (call("POST", "/sandbox/v1/payments", body, false).status() == 200) {
            payments.incrementAndGet();
            refundable.add(outTradeNo);
            call("GET", "/v3/pay/transactions/out-trade-no/" + outTradeNo + "?mchid=" + demo.mchid(), null, true);
        }
    }

    private void codepay(long n, String payer, long total, boolean reverse) {
        String no = outTradeNo("C", n);
        String code = (String) call("POST", "/sandbox/v1/payers/" + payer + "/auth-codes", null, false).json().get("auth_code");
        String body = "{\"appid\":\"" + demo.appid() + "\",\"mchid\":\"" + demo.mchid() + "\",\"description\":\"till\","
                + "\"out_trade_no\":\"" + no + "\",\"payer\":{\"auth_code\":\"" + code + "\"},"
                + "\"amount\":{\"total\":" + total + ",\"currency\":\"CNY\"},\"scene_info\":{\"store_info\":{\"id\":\"S1\"}}}";
        MerchantClient.Reply r = call("POST", "/v3/pay/transactions/codepay", body, true);
        orders.incrementAndGet();
        if (r.status() == 200) {
            payments.incrementAndGet();
        } else if (r.status() == 202) {
            userpaying.incrementAndGet();
            if (reverse) {
                if (call("POST", "/v3/pay/transactions/out-trade-no/" + no + "/reverse",
                        "{\"appid\":\"" + demo.appid() + "\",\"mchid\":\"" + demo.mchid() + "\"}", true).status() == 200) {
                    reversals.incrementAndGet();
                }
            } else if (call("POST", "/sandbox/v1/payers/" + payer + "/confirm",
                    "{\"mchid\":\"" + demo.mchid() + "\",\"out_trade_no\":\"" + no + "\"}", false).status() == 200) {
                payments.incrementAndGet();
            }
        }
    }

    private void refundOne(long n) {
        String no = refundable.poll();
        if (no == null) {
            return;
        }
        Map<String, Object> tx = call("GET", "/v3/pay/transactions/out-trade-no/" + no + "?mchid=" + demo.mchid(), null,
                true).json();
        @SuppressWarnings("unchecked")
        long total = ((Number) ((Map<String, Object>) tx.get("amount")).get("total")).longValue();
        String body = "{\"out_trade_no\":\"" + no + "\",\"out_refund_no\":\"R" + no + "\",\"reason\":\"demo\","
                + "\"amount\":{\"refund\":" + Math.max(1, total / 2) + ",\"total\":" + total + ",\"currency\":\"CNY\"}}";
        if (call("POST", "/v3/refund/domestic/refunds", body, true).status() == 200) {
            refunds.incrementAndGet();
        }
    }

    private synchronized void progress() {
        Histogram interval = latency.getIntervalHistogram();
        total.add(interval);
        long o = orders.get();
        double seconds = Math.max(1e-9, (System.nanoTime() - startedAtNanos) / 1e9);
        String line = String.format("%6.0fs | orders/s %6.1f | orders %d | payments %d | USERPAYING %d | reversed %d"
                        + " | refunds %d | notified %d | p99 %.1f ms | errors %d",
                seconds, (double) (o - lastOrders), o, payments.get(), userpaying.get(), reversals.get(), refunds.get(),
                notificationsReceived.get(),
                interval.getTotalCount() == 0 ? 0.0 : interval.getValueAtPercentile(99) / 1000.0, errors.get());
        lastOrders = o;
        if (System.console() != null) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    void stop() {
        clock.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        progress();
        out.println();
        ledger = readLedger();
        if (backend != null) {
            backend.stop(0);
        }
    }

    boolean ledgerBalanced() {
        return ledger != null && ((Number) ledger.get("sum")).longValue() == 0
                && ((Number) ledger.get("negative_accounts")).longValue() == 0;
    }

    void printSummary() {
        double seconds = (System.nanoTime() - startedAtNanos) / 1e9;
        out.printf("paygate demo summary: %.0f s, %d scenarios, %d orders, %d payments, %d USERPAYING, %d reversed,"
                        + " %d refunds, %d notifications received, %d errors, %d skipped%n",
                seconds, scenarios.get(), orders.get(), payments.get(), userpaying.get(), reversals.get(), refunds.get(),
                notificationsReceived.get(), errors.get(), skipped.get());
        if (total.getTotalCount() > 0) {
            out.printf("  request latency (client side): p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d requests%n",
                    total.getValueAtPercentile(50) / 1000.0, total.getValueAtPercentile(99) / 1000.0,
                    total.getMaxValue() / 1000.0, total.getTotalCount());
        }
        if (ledger == null) {
            out.println("  ledger check: could not read /admin/v1/ledger");
            return;
        }
        out.printf("  ledger check: %s accounts, sum %s, negative accounts %s, state %s -> %s%n", ledger.get("accounts"),
                ledger.get("sum"), ledger.get("negative_accounts"), ledger.get("state_hash"),
                ledgerBalanced() ? "BALANCED" : "NOT BALANCED");
    }

    private Map<String, Object> readLedger() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(gateway.adminBaseUrl() + "/admin/v1/ledger"))
                            .header("Authorization", "Bearer " + gateway.adminToken()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return null;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = Json.mapper().readValue(r.body(), Map.class);
            return m;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
