package io.paygate.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

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
    private volatile IntSupplier status = () -> 200;
    private volatile long delayMillis;

    public CallbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
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
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        received.add(new Received(ex.getRequestURI().getRawPath(), Map.copyOf(ex.getRequestHeaders()), body));
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int code = status.getAsInt();
        byte[] reply = code == 204 ? new byte[0] : "{\"code\":\"SUCCESS\",\"message\":\"成功\"}".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, code == 204 ? -1 : reply.length);
        if (code != 204) {
            ex.getResponseBody().write(reply);
        }
        ex.close();
    }

    /** The URL of a path on this server. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answer every request with this status from now on. */
    public CallbackServer answer(int code) {
        this.status = () -> code;
        return this;
    }

    /** Answer with whatever the supplier says (per request). */
    public CallbackServer answer(IntSupplier code) {
        this.status = code;
        return this;
    }

    /** Hold every answer this long (longer than the gateway's 5 s deadline: the attempt times out). */
    public CallbackServer delay(long millis) {
        this.delayMillis = millis;
        return this;
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
        server.stop(0);
    }
}
