package io.paygate.gateway.cli;

import io.paygate.gateway.config.GatewayConfig;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options {@code serve} and {@code demo} share; they override configuration. */
final class ServeOptions {

    @Option(names = "--data-dir", description = "Data directory (default ./data).")
    File dataDir;

    @Option(names = "--api-port", description = "API port (default 8080).")
    Integer apiPort;

    @Option(names = "--admin-port", description = "Admin port (default 8081).")
    Integer adminPort;

    @Option(names = "--config", description = "HOCON configuration file.")
    File config;

    @Option(names = "--mode", description = "sandbox (default) or production.")
    String mode;

    GatewayConfig load() {
        Map<String, Object> o = new HashMap<>();
        if (dataDir != null) {
            o.put("paygate.data-dir", dataDir.getPath());
        }
        if (apiPort != null) {
            o.put("paygate.api.port", apiPort);
        }
        if (adminPort != null) {
            o.put("paygate.admin.port", adminPort);
        }
        if (mode != null) {
            o.put("paygate.mode", mode);
        }
        return GatewayConfig.load(config, o);
    }
}
