package io.paygate.gateway.support;

import io.paygate.gateway.Gateway;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.config.GatewayConfig;
import io.paygate.gateway.journal.Journal;
import io.paygate.gateway.notify.HostResolver;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real gateway for system tests: loopback only, ephemeral ports, a data dir the test owns, sandbox
 * mode unless told otherwise. Close it (try-with-resources) and it stops by itself.
 */
public final class TestGateway implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, Object> overrides;
    private final HostResolver resolver;
    private final UnaryOperator<Journal> journal;
    private Gateway gateway;

    private TestGateway(Path dataDir, Map<String, Object> overrides, HostResolver resolver,
                        UnaryOperator<Journal> journal) {
        this.dataDir = dataDir;
        this.overrides = overrides;
        this.resolver = resolver;
        this.journal = journal;
    }

    /** Starts a sandbox gateway on 127.0.0.1 with ephemeral ports in {@code dataDir}. */
    public static TestGateway start(Path dataDir) throws Exception {
        return start(dataDir, Map.of());
    }

    /** Starts with extra configuration ({@code paygate.*} keys). */
    public static TestGateway start(Path dataDir, Map<String, Object> extra) throws Exception {
        return start(dataDir, extra, null);
    }

    /**
     * Starts with extra configuration and {@code resolver} for callback host names (null: the JVM's
     * resolver). The gateway closes the resolver when it stops, so a test's resolver should not mind
     * being closed (and reused by {@link #restart()}).
     */
    public static TestGateway start(Path dataDir, Map<String, Object> extra, HostResolver resolver) throws Exception {
        return start(dataDir, extra, resolver, null);
    }

    /**
     * Starts with extra configuration, a resolver (null: the JVM's) and a wrapper around the journal
     * (null: none), e.g. a fault-injecting {@link FaultyJournal}. {@link #restart()} wraps again.
     */
    public static TestGateway start(Path dataDir, Map<String, Object> extra, HostResolver resolver,
                                    UnaryOperator<Journal> journal) throws Exception {
        Map<String, Object> o = new HashMap<>();
        o.put("paygate.data-dir", dataDir.toString());
        o.put("paygate.api.host", "127.0.0.1");
        o.put("paygate.api.port", 0);
        o.put("paygate.admin.host", "127.0.0.1");
        o.put("paygate.admin.port", 0);
        o.put("paygate.api.io-threads", 2);
        o.putAll(extra);
        TestGateway t = new TestGateway(dataDir, o, resolver, journal);
        t.gateway = t.startGateway();
        return t;
    }

    private Gateway startGateway() throws Exception {
        GatewayConfig config = GatewayConfig.load(null, overrides);
        if (journal != null) {
            return Gateway.start(config, new Gateway.Options(resolver == null ? HostResolver.system() : resolver, journal));
        }
        return resolver == null ? Gateway.start(config) : Gateway.start(config, resolver);
    }

    /** Stops and starts again on the same data dir (new ports). */
    public void restart() throws Exception {
        gateway.close();
        gateway = startGateway();
    }

    public Gateway gateway() {
        return gateway;
    }

    public MerchantInfo demo() {
        return gateway.demoMerchant();
    }

    public int apiPort() {
        return gateway.apiPort();
    }

    public int adminPort() {
        return gateway.adminPort();
    }

    public String apiBaseUrl() {
        return gateway.apiBaseUrl();
    }

    public String adminBaseUrl() {
        return gateway.adminBaseUrl();
    }

    public String adminToken() {
        return gateway.adminToken();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
    }
}
