package io.paygate.gateway.cli;

import io.paygate.gateway.Gateway;
import io.paygate.gateway.config.GatewayConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code paygate demo}: serves on the embedded default (sandbox) and drives a scripted workload
 * through the real API as the demo merchant and a pool of sandbox payers, with a live one-line
 * progress and a closing summary that checks the ledger.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Serve in sandbox mode and drive a scripted payment workload with live progress.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    ServeOptions options;

    @Option(names = "--rate", description = "Scenarios per second (default ${DEFAULT-VALUE}).", defaultValue = "20")
    double rate;

    @Option(names = "--seconds", description = "Stop after this many seconds (default: run until Ctrl-C).",
            defaultValue = "0")
    long seconds;

    @Override
    public Integer call() throws Exception {
        GatewayConfig cfg = options.load();
        if (!cfg.sandbox()) {
            System.err.println("demo: needs sandbox mode (it pays orders through the sandbox API)");
            return 2;
        }
        if (rate <= 0 || rate > 10_000) {
            System.err.println("demo: --rate must be in (0, 10000]");
            return 2;
        }
        Gateway gateway = Gateway.start(cfg);
        DemoWorkload workload = new DemoWorkload(gateway, cfg.business().passwordFreeLimitFen(), rate, System.out);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            Main.shuttingDown();
            finish(gateway, workload, done);
        }, "paygate-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("paygate demo: API " + gateway.apiBaseUrl() + ", admin " + gateway.adminBaseUrl()
                + ", demo merchant " + gateway.demoMerchant().mchid() + "; " + rate + " scenarios/s"
                + (seconds > 0 ? " for " + seconds + " s" : " until Ctrl-C"));
        workload.start();
        if (seconds > 0) {
            if (!done.await(seconds, TimeUnit.SECONDS)) {
                Runtime.getRuntime().removeShutdownHook(hook);
                finish(gateway, workload, done);
            }
            return workload.ledgerBalanced() ? 0 : 1;
        }
        done.await();
        return 0;
    }

    private static void finish(Gateway gateway, DemoWorkload workload, CountDownLatch done) {
        if (done.getCount() == 0) {
            return;
        }
        workload.stop();
        workload.printSummary();
        gateway.close();
        done.countDown();
    }
}
