package io.paygate.gateway.cli;

import io.paygate.gateway.Gateway;
import io.paygate.gateway.config.GatewayConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code paygate serve}: runs the gateway until SIGTERM/SIGINT, then drains and stops. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    ServeOptions options;

    @Override
    public Integer call() throws Exception {
        GatewayConfig cfg = options.load();
        Gateway gateway = Gateway.start(cfg);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Main.shuttingDown();
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
}
