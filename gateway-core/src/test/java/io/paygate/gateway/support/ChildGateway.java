package io.paygate.gateway.support;

import io.paygate.codec.Json;
import io.paygate.gateway.admin.DemoMerchant;
import io.paygate.gateway.admin.MerchantInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code paygate serve} in a child JVM (same java, same class path, the Chronicle flags this JVM was
 * started with), on fixed loopback ports picked free beforehand, so a crash test can kill it with
 * SIGKILL. Its output goes to {@code output.log} next to the data dir. Closing it kills it.
 */
public final class ChildGateway implements AutoCloseable {

    private static final String READY = "paygate: serving API on ";

    private final Process process;
    private final Path dataDir;
    private final Path output;
    private final int apiPort;
    private final int adminPort;

    private ChildGateway(Process process, Path dataDir, Path output, int apiPort, int adminPort) {
        this.process = process;
        this.dataDir = dataDir;
        this.output = output;
        this.apiPort = apiPort;
        this.adminPort = adminPort;
    }

    /**
     * The start of a child JVM's command line: this JVM's java binary and the flags Chronicle needs
     * (this JVM's {@code --add-*}, JDK 24+ and Chronicle/JNA properties), without {@code -ea}.
     */
    public static List<String> childJvm() {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("--enable-native-access") || arg.startsWith("--sun-misc-")
                    || arg.startsWith("-Dchronicle.") || arg.startsWith("-Djna.") || arg.startsWith("-Dproject.")) {
                cmd.add(arg);
            }
        }
        return cmd;
    }

    /** Starts a sandbox gateway on {@code dataDir} with this HOCON configuration and waits until it serves. */
    public static ChildGateway start(Path dataDir, String hocon) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Path config = dataDir.resolveSibling(dataDir.getFileName() + ".conf");
        Files.writeString(config, hocon + "\npaygate.api.host = \"127.0.0.1\"\npaygate.admin.host = \"127.0.0.1\"\n");
        int apiPort = freePort();
        int adminPort = freePort();
        List<String> cmd = childJvm();
        cmd.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.paygate.gateway.cli.Main",
                "serve", "--data-dir", dataDir.toString(), "--api-port", Integer.toString(apiPort),
                "--admin-port", Integer.toString(adminPort), "--config", config.toString()));
        Path output = dataDir.resolveSibling(dataDir.getFileName() + "-output.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        ChildGateway child = new ChildGateway(p, dataDir, output, apiPort, adminPort);
        child.awaitReady();
        return child;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("child gateway exited with " + process.exitValue() + ":\n" + output());
            }
            if (Files.exists(output) && Files.readString(output, StandardCharsets.UTF_8).contains(READY)) {
                return;
            }
            Thread.sleep(50);
        }
        close();
        throw new IllegalStateException("child gateway not ready in 60 s:\n" + output());
    }

    /** A port nobody listens on right now (opened and closed). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public String apiBaseUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    public String adminBaseUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    /** The demo merchant the child provisioned ({@code DIR/demo/merchant.json}). */
    public MerchantInfo demo() {
        try {
            return Json.mapper().readValue(dataDir.resolve("demo").resolve(DemoMerchant.FILE).toFile(), MerchantInfo.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the child printed so far. */
    public String output() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** SIGKILL: no shutdown hook, no drain, no close. Returns once the process is gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child gateway did not die");
        }
    }

    /**
     * SIGTERM (what systemd and {@code docker stop} send): the shutdown hook drains and stops. Returns
     * the exit status, or throws if the process is still alive after {@code seconds}.
     */
    public int sigterm(long seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child gateway still running " + seconds + " s after SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
