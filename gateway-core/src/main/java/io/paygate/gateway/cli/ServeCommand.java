package io.paygate.gateway.cli;

import ch.qos.logback.classic.LoggerContext;
import io.paygate.gateway.Gateway;
import io.paygate.gateway.config.GatewayConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
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
            int status = 1;
            try {
                gateway.close(); // readyz false, stop accepting, drain the ring, flush the journal
                status = 0;
            } catch (RuntimeException | Error e) {
                LoggerFactory.getLogger(ServeCommand.class).error("shutdown did not finish cleanly", e);
            } finally {
                stopped.countDown();
                // a JVM ended by a signal exits 128+signal; a clean drain is a normal stop, so say 0
                if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
                    logback.stop(); // flush the (async) appenders: halt runs no other hook
                }
                Runtime.getRuntime().halt(status);
            }
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
