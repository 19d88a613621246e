package io.paygate.gateway.support;

import io.paygate.gateway.notify.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DNS the test controls: a table of host name to addresses that the test may change at any time
 * (DNS rebinding). Unknown names fail like NXDOMAIN. Counts lookups; closing it does nothing, so a
 * gateway restart can reuse it.
 */
public final class TableResolver implements HostResolver {

    private final Map<String, List<InetAddress>> table = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    /** Makes {@code host} resolve to these literal addresses from now on. */
    public TableResolver bind(String host, String... addresses) {
        InetAddress[] a = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            try {
                a[i] = InetAddress.getByName(addresses[i]); // literals only: no lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(addresses[i], e);
            }
        }
        table.put(host.toLowerCase(java.util.Locale.ROOT), List.of(a));
        return this;
    }

    @Override
    public CompletableFuture<List<InetAddress>> resolve(String host) {
        lookups.incrementAndGet();
        List<InetAddress> a = table.get(host.toLowerCase(java.util.Locale.ROOT));
        return a == null
                ? CompletableFuture.failedFuture(new UnknownHostException(host))
                : CompletableFuture.completedFuture(a);
    }

    public int lookups() {
        return lookups.get();
    }
}
