package io.paygate.gateway.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Resolves a host name without blocking the caller. Tests substitute their own table. */
public interface HostResolver extends AutoCloseable {

    CompletableFuture<List<InetAddress>> resolve(String host);

    @Override
    default void close() {
    }

    /** The JVM's resolver (and its cache) on two daemon threads, so event loops never wait on DNS. */
    static HostResolver system() {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "paygate-dns");
            t.setDaemon(true);
            return t;
        });
        return new HostResolver() {
            @Override
            public CompletableFuture<List<InetAddress>> resolve(String host) {
                return CompletableFuture.supplyAsync(() -> {
                    try {
                        return List.of(InetAddress.getAllByName(host));
                    } catch (UnknownHostException e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                }, pool);
            }

            @Override
            public void close() {
                pool.shutdownNow();
            }
        };
    }
}
