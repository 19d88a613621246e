package io.paygate.gateway.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SSRF target: a plain TCP listener on 127.0.0.1 that counts the connections it accepts (and
 * closes them at once). A callback the policy refuses must leave the count at 0.
 */
public final class ConnectionCounter implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();

    public ConnectionCounter() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "test-ssrf-target");
        t.setDaemon(true);
        t.start();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                s.close();
            } catch (IOException e) {
                // closed
            }
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return accepted.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
