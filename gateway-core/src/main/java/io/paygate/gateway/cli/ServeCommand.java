package io.paygate.gateway.cli;

import io.paygate.gateway.Gateway;
import io.paygate.gateway.config.GatewayConfig;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code paygate serve}: runs the gateway until SIGTERM/SIGINT, then drains and stops. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway.")
final class ServeCommand implements Callable<Integer> {

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

    @Override
    public Integer call() throws Exception {
        GatewayConfig cfg = GatewayConfig.load(config, overrides(dataDir, apiPort, adminPort, mode));
        Gateway gateway = Gateway.start(cfg);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "paygate-shutdown"));
        if (gateway.demoMerchant() != null) {
            System.out.println("paygate: demo merchant " + gateway.demoMerchant().mchid() + " in "
                    + cfg.dataDir().resolve("demo").resolve("merchant.json"));
        }
        System.out.println("paygate: serving API on " + gateway.apiBaseUrl() + ", admin on " + gateway.adminBaseUrl());
        stopped.await();
        return 0;
    }

    static Map<String, Object> overrides(File dataDir, Integer apiPort, Integer adminPort, String mode) {
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
        return o;
    }
}
