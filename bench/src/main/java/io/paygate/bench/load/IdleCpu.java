package io.paygate.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * CPU of a whole gateway process by ring wait strategy: for each strategy a fresh sandbox gateway
 * (its own temporary data dir and free ports, {@code paygate.ring.wait-strategy} set in a temporary
 * HOCON file that is the bench config plus that one line), its CPU while idle, then its CPU per
 * request under open-loop Native prepay at a fixed modest rate.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.paygate.bench.load.IdleCpu --jar deploy/target/paygate.jar \
 *     [--config bench/gateway-bench.conf] [--strategies parking,blocking,sleeping] [--settle 5] [--idle 10] \
 *     [--rate 100] [--duration 10] [--warmup 2] [--connections 16] [--log-dir DIR] [--out FILE]
 * </pre>
 *
 * CPU is the process's {@code utime + stime} from {@code /proc/PID/stat} (every thread, ended ones
 * included), in clock ticks; the busiest thread groups come from {@code /proc/PID/task/*}/schedstat.
 * After the idle window a {@code jcmd PID Thread.print} shows which wait strategy class the ring's
 * stage threads are really waiting in, so a setting that did not take effect cannot pass unnoticed.
 * The load is the RSA demo merchant's Native prepay, signed before the window; its warm-up runs
 * before the measured window, whose CPU per request is reported raw and above the idle rate.
 */
public final class IdleCpu {

    private final Map<String, String> args;

    private IdleCpu(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + argv[i]);
            }
            boolean flag = i + 1 >= argv.length || argv[i + 1].startsWith("--");
            a.put(argv[i].substring(2), flag ? "true" : argv[++i]);
        }
        if (!a.containsKey("jar")) {
            System.err.println("usage: IdleCpu --jar deploy/target/paygate.jar [--config FILE] [--strategies a,b,c]"
                    + " [--settle S] [--idle S] [--rate R] [--duration S] [--warmup S] [--connections N]"
                    + " [--log-dir DIR] [--out FILE]");
            System.exit(2);
        }
        new IdleCpu(a).run(String.join(" ", argv));
    }

    private String arg(String name, String dflt) {
        return args.getOrDefault(name, dflt);
    }

    private void run(String command) throws Exception {
        long hz = clockTicks();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String strategy : arg("strategies", "parking,blocking,sleeping").split(",")) {
            rows.add(measure(strategy.strip(), hz));
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("settle_s", Double.parseDouble(arg("settle", "5")));
        report.put("idle_s", Double.parseDouble(arg("idle", "10")));
        report.put("rate", Double.parseDouble(arg("rate", "100")));
        report.put("duration_s", Double.parseDouble(arg("duration", "10")));
        report.put("clock_ticks_per_s", hz);
        report.put("nproc", Runtime.getRuntime().availableProcessors());
        report.put("load_avg_after", String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).strip().split(" "))
                .subList(0, 3)));
        report.put("strategies", rows);
        report.put("command", "IdleCpu " + command);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        if (args.containsKey("out")) {
            Files.writeString(Path.of(args.get("out")), json);
        }
        System.out.println(json);
    }

    private Map<String, Object> measure(String strategy, long hz) throws Exception {
        Path data = Files.createTempDirectory("paygate-idlecpu-" + strategy + "-");
        Path conf = Files.createTempFile("paygate-idlecpu-", ".conf");
        StringBuilder hocon = new StringBuilder();
        if (args.containsKey("config")) {
            hocon.append(Files.readString(Path.of(args.get("config")))).append('\n');
        }
        hocon.append("paygate.ring.wait-strategy = \"").append(strategy).append("\"\n");
        Files.writeString(conf, hocon);
        int api = freePort();
        int admin = freePort();
        File log = args.containsKey("log-dir") ? Path.of(args.get("log-dir"), "gateway-idle-" + strategy + ".log").toFile()
                : data.resolveSibling(data.getFileName() + ".log").toFile();
        List<String> cmd = List.of("java", "-jar", arg("jar", "deploy/target/paygate.jar"), "serve", "--data-dir",
                data.toString(), "--api-port", Integer.toString(api), "--admin-port", Integer.toString(admin),
                "--config", conf.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("wait_strategy", strategy);
        row.put("gateway_command", String.join(" ", cmd).replace(conf.toString(), "TMP.conf"));
        row.put("config_added", "paygate.ring.wait-strategy = \"" + strategy + "\"");
        try {
            Path merchant = data.resolve("demo").resolve("merchant.json");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(merchant) && p.isAlive() && System.nanoTime() < until) {
                Thread.sleep(200);
            }
            if (!Files.exists(merchant)) {
                throw new IllegalStateException("gateway (" + strategy + ") did not start, see " + log);
            }
            long pid = p.pid();
            System.err.printf(Locale.ROOT, "== %s: gateway pid %d started, settling %s s%n", strategy, pid,
                    arg("settle", "5"));
            sleep(Double.parseDouble(arg("settle", "5")));

            // idle
            double idleSeconds = Double.parseDouble(arg("idle", "10"));
            long t0 = System.nanoTime();
            long cpu0 = processTicks(pid);
            ProcCpu.Sample s0 = ProcCpu.sample(pid);
            sleep(idleSeconds);
            ProcCpu.Sample s1 = ProcCpu.sample(pid);
            long cpu1 = processTicks(pid);
            double wall = (System.nanoTime() - t0) / 1e9;
            double idleCores = (cpu1 - cpu0) / (double) hz / wall;
            row.put("idle_wall_s", round(wall));
            row.put("idle_cores", round4(idleCores));
            row.put("idle_cpu_ms_per_s", round(1000 * idleCores));
            row.put("idle_cores_by_thread", top(ProcCpu.byGroup(s0, s1, 0), 6));
            row.put("observed_wait_strategy", observedStrategy(pid));
            System.err.printf(Locale.ROOT, "   idle: %.3f cores over %.1f s (%s); waiting in %s%n", idleCores, wall,
                    row.get("idle_cores_by_thread"), row.get("observed_wait_strategy"));

            // CPU per request at a fixed rate
            row.put("load", load(Merchant.load(merchant), pid, hz, idleCores));
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(data);
            Files.deleteIfExists(conf);
        }
        return row;
    }

    private Map<String, Object> load(Merchant m, long pid, long hz, double idleCores) throws Exception {
        double rate = Double.parseDouble(arg("rate", "100"));
        double duration = Double.parseDouble(arg("duration", "10"));
        double warmup = Double.parseDouble(arg("warmup", "2"));
        Map<String, Object> out = new LinkedHashMap<>();
        try (NotifySink sink = new NotifySink();
             Engine engine = new Engine(m.host, m.port, Integer.parseInt(arg("connections", "16")))) {
            Workloads w = new Workloads(m, engine, "http://127.0.0.1:" + sink.port() + "/notify");
            if (warmup > 0) {
                engine.run(w.build("native", (int) Math.ceil(rate * warmup)), rate, 0, 30);
            }
            List<Job> jobs = w.build("native", (int) Math.ceil(rate * duration));
            long t0 = System.nanoTime();
            long cpu0 = processTicks(pid);
            ProcCpu.Sample s0 = ProcCpu.sample(pid);
            Engine.Run run = engine.run(jobs, rate, 0, 30, 50, 50);
            ProcCpu.Sample s1 = ProcCpu.sample(pid);
            long cpu1 = processTicks(pid);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpuMs = (cpu1 - cpu0) * 1000.0 / hz;
            Histogram h = run.latencyMicros();
            int n = run.measured();
            out.put("workload", "native");
            out.put("target_rate", rate);
            out.put("achieved_rate", round(run.achievedPerSecond()));
            out.put("requests", n);
            out.put("ok_2xx_ratio", round4(run.okRatio()));
            out.put("p50_ms", round(h.getValueAtPercentile(50) / 1000.0));
            out.put("p99_ms", round(h.getValueAtPercentile(99) / 1000.0));
            out.put("max_ms", round(h.getMaxValue() / 1000.0));
            out.put("wall_s", round(wall));
            out.put("cores", round4(cpuMs / 1000 / wall));
            out.put("cores_by_thread", top(ProcCpu.byGroup(s0, s1, 0), 6));
            out.put("core_ms_per_request", n == 0 ? null : round4(cpuMs / n));
            out.put("core_ms_per_request_above_idle", n == 0 ? null : round4((cpuMs - idleCores * wall * 1000) / n));
            out.put("signatures", SignatureCheck.check(m, run.samples()));
            System.err.printf(Locale.ROOT, "   %.0f/s: achieved %.1f/s, 2xx %.4f, p50 %.2f p99 %.2f ms, %.3f cores, "
                            + "%.3f core-ms per request (%.3f above idle)%n", rate, run.achievedPerSecond(), run.okRatio(),
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, cpuMs / 1000 / wall,
                    n == 0 ? Double.NaN : cpuMs / n, n == 0 ? Double.NaN : (cpuMs - idleCores * wall * 1000) / n);
        }
        return out;
    }

    /**
     * The wait strategy classes the ring's stage threads ({@code paygate-journal}, {@code -matcher},
     * {@code -respond}) are in, from one {@code jcmd PID Thread.print}; "unknown" if jcmd fails.
     */
    private static Map<String, String> observedStrategy(long pid) {
        Map<String, String> out = new TreeMap<>();
        try {
            Process j = new ProcessBuilder("jcmd", Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            j.waitFor(30, TimeUnit.SECONDS);
            for (String block : dump.split("\n\\s*\n")) {
                String first = block.strip();
                if (!first.startsWith("\"paygate-journal\"") && !first.startsWith("\"paygate-matcher\"")
                        && !first.startsWith("\"paygate-respond\"")) {
                    continue;
                }
                String name = first.substring(1, first.indexOf('"', 1));
                String found = "not in a wait strategy";
                for (String line : block.split("\n")) {
                    String l = line.strip();
                    int at = l.indexOf("WaitStrategy.");
                    if (l.startsWith("at ") && at > 0) {
                        String cls = l.substring(3, at + "WaitStrategy".length());
                        found = cls.substring(cls.lastIndexOf('.') + 1);
                        break;
                    }
                }
                out.put(name, found);
            }
        } catch (IOException | InterruptedException e) {
            out.put("jcmd", "unknown (" + e.getClass().getSimpleName() + ")");
        }
        return out;
    }

    /** utime + stime of the whole process, in clock ticks. */
    private static long processTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return 100;
        }
    }

    private static Map<String, Double> top(Map<String, Double> byGroup, int n) {
        Map<String, Double> out = new LinkedHashMap<>();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
                .forEach(e -> out.put(e.getKey(), round4(e.getValue())));
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void sleep(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
