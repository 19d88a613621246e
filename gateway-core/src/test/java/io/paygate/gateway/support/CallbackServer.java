package io.paygate.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;
import javax.net.ssl.SSLContext;

/**
 * A merchant's notify_url for system tests: a JDK HTTP server on 127.0.0.1 that records every
 * request (headers and raw body) and answers with a status the test chooses (or hangs).
 */
public final class CallbackServer implements AutoCloseable {

    /** One received notification request. */
    public record Received(String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger inFlightMax = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile ToIntFunction<Received> status = r -> 200;
    private volatile long delayMillis;
    private volatile String replyBody;
    private volatile Map<String, String> replyHeaders = Map.of();

    private final String base;

    public CallbackServer() throws IOException {
        this(null);
    }

    /**
     * With {@code tls} an HTTPS server (on 127.0.0.1, its URLs naming {@code localhost}, which the
     * test's certificate should name too), else plain HTTP.
     */
    public CallbackServer(SSLContext tls) throws IOException {
        InetSocketAddress at = new InetSocketAddress("127.0.0.1", 0);
        if (tls == null) {
            server = HttpServer.create(at, 64);
        } else {
            HttpsServer https = HttpsServer.create(at, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        base = (tls == null ? "http://127.0.0.1:" : "https://localhost:") + server.getAddress().getPort();
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-callback");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange ex) throws IOException {
        connections.incrementAndGet();
        inFlightMax.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            reply(ex);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void reply(HttpExchange ex) throws IOException {
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Received request = new Received(ex.getRequestURI().getRawPath(), Map.copyOf(ex.getRequestHeaders()), body);
        received.add(request);
        if (delayMillis > 0) {
            try {
                if (closed.await(delayMillis, TimeUnit.MILLISECONDS)) {
                    ex.close(); // the test is over: let go of the hanging request
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int code = status.applyAsInt(request);
        String text = replyBody != null ? replyBody : "{\"code\":\"SUCCESS\",\"message\":\"成功\"}";
        byte[] reply = code == 204 ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        replyHeaders.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(code, code == 204 ? -1 : reply.length);
        if (code != 204) {
            ex.getResponseBody().write(reply);
        }
        ex.close();
    }

    /** The URL of a path on this server. */
    public String url(String path) {
        return base + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answer every request with this status from now on. */
    public CallbackServer answer(int code) {
        this.status = r -> code;
        return this;
    }

    /** Answer with whatever the supplier says (per request). */
    public CallbackServer answer(IntSupplier code) {
        this.status = r -> code.getAsInt();
        return this;
    }

    /** Answer each request with what the function says after looking at it (e.g. verifying it as a merchant would). */
    public CallbackServer answerEach(ToIntFunction<Received> code) {
        this.status = code;
        return this;
    }

    /** Hold every answer this long (longer than the gateway's 5 s deadline: the attempt times out). */
    public CallbackServer delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /** Answer with this body (instead of {"code":"SUCCESS"}) from now on. */
    public CallbackServer replyBody(String body) {
        this.replyBody = body;
        return this;
    }

    /** Add these headers to every answer from now on (e.g. a redirect's Location). */
    public CallbackServer replyHeaders(Map<String, String> headers) {
        this.replyHeaders = Map.copyOf(headers);
        return this;
    }

    /** The most requests this server was handling at the same time (delays included). */
    public int inFlightMax() {
        return inFlightMax.get();
    }

    /** Requests being handled right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The notification ids ({@code id} of the JSON body) of every request, in arrival order. */
    public List<String> notificationIds() {
        List<String> ids = new java.util.ArrayList<>();
        for (Received r : received) {
            ids.add(Notifications.body(r).path("id").asText());
        }
        return ids;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests handled (a refused address never gets here). */
    public int requests() {
        return connections.get();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
