package io.paygate.gateway.support;

import io.paygate.gateway.Gateway;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.config.GatewayConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real gateway for system tests: loopback only, ephemeral ports, a data dir the test owns, sandbox
 * mode unless told otherwise. Close it (try-with-resources) and it stops by itself.
 */
public final class TestGateway implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, Object> overrides;
    private Gateway gateway;

    private TestGateway(Path dataDir, Map<String, Object> overrides) {
        this.dataDir = dataDir;
        this.overrides = overrides;
    }

    /** Starts a sandbox gateway on 127.0.0.1 with ephemeral ports in {@code dataDir}. */
    public static TestGateway start(Path dataDir) throws Exception {
        return start(dataDir, Map.of());
    }

    /** Starts with extra configuration ({@code paygate.*} keys). */
    public static TestGateway start(Path dataDir, Map<String, Object> extra) throws Exception {
        Map<String, Object> o = new HashMap<>();
        o.put("paygate.data-dir", dataDir.toString());
        o.put("paygate.api.host", "127.0.0.1");
        o.put("paygate.api.port", 0);
        o.put("paygate.admin.host", "127.0.0.1");
        o.put("paygate.admin.port", 0);
        o.put("paygate.api.io-threads", 2);
        o.putAll(extra);
        TestGateway t = new TestGateway(dataDir, o);
        t.gateway = Gateway.start(GatewayConfig.load(null, o));
        return t;
    }

    /** Stops and starts again on the same data dir (new ports). */
    public void restart() throws Exception {
        gateway.close();
        gateway = Gateway.start(GatewayConfig.load(null, overrides));
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
