package io.paygate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns the raw output of {@code bench/run.sh} in {@code bench/results/} (JMH JSON, the crypto
 * ceiling, the load generator's JSON, machine.txt, commands.txt) into {@code bench/RESULTS.md}: each
 * figure with its command, the machine, its anchor or ceiling from performance.md and the ratio, and
 * issue 7's targets marked met or not met.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.paygate.bench.ResultsWriter bench/results bench/RESULTS.md</pre>
 */
public final class ResultsWriter {

    /** Records the replay benchmark's journal holds besides its orders: one merchant, 1024 payers. */
    static final int REPLAY_SETUP_RECORDS = 1 + 1024;

    private final Path dir;
    private final JsonNode jmh;
    private final StringBuilder md = new StringBuilder();
    private final List<String[]> targets = new ArrayList<>();

    private ResultsWriter(Path dir) throws IOException {
        this.dir = dir;
        Path j = dir.resolve("jmh.json");
        this.jmh = Files.exists(j) ? new ObjectMapper().readTree(j.toFile()) : new ObjectMapper().createArrayNode();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/results");
        Path out = Path.of(args.length > 1 ? args[1] : "bench/RESULTS.md");
        ResultsWriter w = new ResultsWriter(dir);
        Files.writeString(out, w.write());
        System.err.println("wrote " + out);
    }

    // ------------------------------------------------------------------ reading

    private JsonNode json(String file) throws IOException {
        Path p = dir.resolve(file);
        return Files.exists(p) ? new ObjectMapper().readTree(p.toFile()) : null;
    }

    private String text(String file) throws IOException {
        Path p = dir.resolve(file);
        return Files.exists(p) ? Files.readString(p).strip() : "(missing: " + file + ")";
    }

    /** JMH results whose benchmark name ends with {@code name} and whose params match {@code kv} pairs. */
    private List<JsonNode> results(String name, String... kv) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : jmh) {
            if (!r.get("benchmark").asText().endsWith(name)) {
                continue;
            }
            boolean ok = true;
            for (int i = 0; i < kv.length; i += 2) {
                JsonNode p = r.path("params").path(kv[i]);
                ok &= p.asText().equals(kv[i + 1]);
            }
            if (ok) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The matcher benchmark of {@code kind} at the gateway's state size (1M orders; results from
     * before the stateOrders parameter have none and were at that size).
     */
    private JsonNode matcher(String kind) {
        return matcher(kind, "1000000");
    }

    private JsonNode matcher(String kind, String stateOrders) {
        for (JsonNode r : results("MatcherBenchmark.apply", "kind", kind)) {
            JsonNode state = r.path("params").path("stateOrders");
            if (state.isMissingNode() ? "1000000".equals(stateOrders) : state.asText().equals(stateOrders)) {
                return r;
            }
        }
        return null;
    }

    /**
     * The same commands with the state within the caches (stateOrders=16384): how much of the 1M
     * figure is waiting for memory.
     */
    private String cacheResident() {
        StringBuilder b = new StringBuilder();
        for (String k : new String[] {"create", "pay", "query", "mix"}) {
            JsonNode small = matcher(k, "16384");
            JsonNode big = matcher(k);
            if (small == null || big == null) {
                continue;
            }
            b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(n(score(small))).append("/s (")
                    .append(n(perOp(small, "cpuNanos", "allocOps"))).append(" CPU ns vs ")
                    .append(n(perOp(big, "cpuNanos", "allocOps"))).append(" at 1M)");
        }
        return b.length() == 0 ? "" : "; the same commands with the state held to 8k–18k orders (a few MB, cache-sized, so"
                + " random ids are found without waiting for memory): " + b;
    }

    private JsonNode one(String name, String... kv) {
        List<JsonNode> r = results(name, kv);
        return r.isEmpty() ? null : r.get(0);
    }

    private static double score(JsonNode r) {
        return r == null ? Double.NaN : r.path("primaryMetric").path("score").asDouble(Double.NaN);
    }

    private static double secondary(JsonNode r, String metric) {
        return r == null ? Double.NaN : r.path("secondaryMetrics").path(metric).path("score").asDouble(Double.NaN);
    }

    /** Bytes per operation from the per-thread counters (timed part only). */
    private static double perOp(JsonNode r, String bytes, String ops) {
        double o = secondary(r, ops);
        return o > 0 ? secondary(r, bytes) / o : Double.NaN;
    }

    // ------------------------------------------------------------------ formatting

    private static String n(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String ratio(double v, double anchor) {
        return Double.isNaN(v) || anchor <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f×", v / anchor);
    }

    private void target(String what, String measured, String ratio, boolean known, boolean met) {
        targets.add(new String[] {what, measured, ratio, !known ? "**not measured**" : met ? "met" : "**not met**", ""});
    }

    /** What the run measured about the last target's gap (or margin). */
    private void note(String text) {
        targets.get(targets.size() - 1)[4] = text;
    }

    private static String waitNote(JsonNode t) {
        if (t == null || t.path("gateway_runqueue_wait_total").isMissingNode()) {
            return "";
        }
        return "event loops on a CPU " + n(t.path("gateway_cores_by_thread").path("paygate-api").asDouble(0))
                + " cores, runnable but waiting for one " + n(t.path("gateway_runqueue_wait_by_thread").path("paygate-api").asDouble(0))
                + " cores' worth; whole gateway on CPU " + n(t.path("gateway_cores_total").asDouble())
                + ", waiting " + n(t.path("gateway_runqueue_wait_total").asDouble()) + shared(t);
    }

    // ------------------------------------------------------------------ the report

    String write() throws IOException {
        JsonNode ceiling = json("ceiling.json");
        ceilingCpuMsPerPair = ceiling == null ? Double.NaN : ceiling.path("cpu_ms_per_pair").asDouble(Double.NaN);
        double ceilingRate = ceiling == null ? Double.NaN : ceiling.path("pairs_per_second").asDouble();
        md.append("# Paygate benchmark results\n\n");
        md.append("Generated by `bench/run.sh` → `ResultsWriter` from the raw output in `bench/results/` (not committed). ")
                .append("Mode: ").append(text("mode.txt")).append(".\n\n");
        md.append("**This machine is shared** (other workers may build and test on it; the load generator itself ")
                .append("shares the gateway's 2 cores), so every figure is a lower bound with wide error ")
                .append("(performance.md says ±20% even when quiet). Load averages before and after are in the machine ")
                .append("block; throughput is stated as a ratio to the crypto ceiling measured in the same run for ")
                .append("exactly this reason.\n\n");
        md.append("## Machine\n\n```\n").append(text("machine.txt")).append("\n```\n\n");

        StringBuilder body = new StringBuilder();
        crypto(body, ceiling, ceilingRate);
        endToEnd(body, ceilingRate);
        nationalCrypto(body, ceiling);
        idleCpu(body);
        notifyIsolation(body);
        components(body);
        allocation(body);
        controls(body);

        md.append("## Targets (issue 7; the SM2 row is issue 8's, the idle row the ring's parking change's)\n\n| target | measured | ratio | status | measured cause / note |\n| --- | --- | --- | --- | --- |\n");
        for (String[] t : targets) {
            md.append("| ").append(String.join(" | ", t)).append(" |\n");
        }
        md.append("\n").append(body);
        md.append("## Commands\n\n```\n").append(text("commands.txt")).append("\n```\n");
        Path longRuns = Path.of("bench/long-runs.md");
        if (Files.exists(longRuns)) {
            md.append("\n").append(Files.readString(longRuns).strip()).append("\n");
        }
        return md.toString();
    }

    private void crypto(StringBuilder b, JsonNode ceiling, double ceilingRate) {
        b.append("## Crypto ceiling (same run)\n\n");
        if (ceiling == null) {
            b.append("not measured\n\n");
            return;
        }
        b.append("RSA-2048 verify (request) + sign (response) pairs per second on all ")
                .append(ceiling.path("threads").asInt()).append(" cores at once, through Paygate's signing API: **")
                .append(n(ceilingRate)).append(" pairs/s** (").append(n(ceiling.path("pairs_per_second_per_thread").asDouble()))
                .append(" per thread; ").append(n(ceiling.path("cpu_ms_per_pair").asDouble(Double.NaN)))
                .append(" CPU-ms per pair, the threads were on a core ")
                .append(String.format(Locale.ROOT, "%.0f%%", 100 * ceiling.path("cpu_share_of_wall").asDouble(Double.NaN)))
                .append(" of the time). performance.md's quiet-machine figure is ~2,400/s on 2 cores: ")
                .append(ratio(ceilingRate, 2400)).append(" of it.\n\n");
    }

    private double ceilingCpuMsPerPair = Double.NaN;

    private void endToEnd(StringBuilder b, double ceilingRate) throws IOException {
        b.append("## End to end (open loop, HTTP, real signatures)\n\n");
        b.append("Latency from each request's intended send time (coordinated omission corrected). A trial passes with ")
                .append("≥ 99% 2xx, p99 within the bound and the achieved rate within 5% of the target. ")
                .append("The load generator shares the 2 cores with the gateway.\n\n");
        b.append("| workload | target/s | achieved/s | 2xx | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | gateway cores on CPU (busiest threads); cores' worth runnable but waiting | gateway core-ms per request | passed |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |\n");
        List<Path> loads;
        try (Stream<Path> s = Files.list(dir)) {
            loads = s.filter(p -> p.getFileName().toString().startsWith("load-") && p.toString().endsWith(".json"))
                    .sorted().toList();
        }
        JsonNode nativeSearch = null;
        for (Path p : loads) {
            JsonNode l = new ObjectMapper().readTree(p.toFile());
            String w = l.path("workload").asText();
            if (l.has("highest_rate") && w.equals("native")) {
                nativeSearch = l;
            }
            for (JsonNode t : l.path("trials")) {
                b.append("| ").append(w).append(" | ").append(n(t.path("target_rate").asDouble())).append(" | ")
                        .append(n(t.path("achieved_rate").asDouble())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f%%", 100 * t.path("ok_2xx_ratio").asDouble())).append(" | ")
                        .append(n(t.path("p50_ms").asDouble())).append(" | ").append(n(t.path("p90_ms").asDouble())).append(" | ")
                        .append(n(t.path("p99_ms").asDouble())).append(" | ").append(n(t.path("p999_ms").asDouble())).append(" | ")
                        .append(n(t.path("max_ms").asDouble())).append(" | ").append(cores(t)).append(" | ")
                        .append(n(coreMsPerRequest(t, l.path("requests_per_job").asInt(1)))).append(" | ")
                        .append(t.path("passed").asBoolean() ? "yes" : "no").append(" |\n");
            }
        }
        b.append("\n");
        if (nativeSearch == null) {
            target("End-to-end Native prepay (RSA) ≥ 0.9× crypto ceiling at p99 < 50 ms", "not measured", "n/a", false, false);
            target("p99 < 10 ms at 70% of the highest sustainable rate", "not measured", "n/a", false, false);
            return;
        }
        JsonNode best = nativeSearch.path("highest_rate");
        boolean found = !best.isMissingNode() && !best.isNull();
        double bestRate = found ? best.path("achieved_rate").asDouble() : 0;
        double bestAchieved = 0;
        for (JsonNode t : nativeSearch.path("trials")) {
            bestAchieved = Math.max(bestAchieved, t.path("achieved_rate").asDouble());
        }
        String bound = n(nativeSearch.path("p99_bound_ms").asDouble());
        target("End-to-end Native prepay (RSA) ≥ 0.9× crypto ceiling at p99 < " + bound + " ms",
                found ? n(bestRate) + " req/s (p99 " + n(best.path("p99_ms").asDouble()) + " ms) vs ceiling " + n(ceilingRate)
                        : "no trial met p99 < " + bound + " ms; most achieved " + n(bestAchieved) + " req/s (p99 far above)"
                        + " vs ceiling " + n(ceilingRate),
                ratio(found ? bestRate : bestAchieved, ceilingRate), true, found && bestRate >= 0.9 * ceilingRate);
        JsonNode top = null;
        for (JsonNode t : nativeSearch.path("trials")) {
            if (top == null || t.path("achieved_rate").asDouble() > top.path("achieved_rate").asDouble()) {
                top = t;
            }
        }
        if (top != null) {
            note("at " + n(top.path("achieved_rate").asDouble()) + " req/s: " + waitNote(top) + "; "
                    + n(coreMsPerRequest(top, 1)) + " gateway core-ms per request vs " + n(ceilingCpuMsPerPair)
                    + " CPU-ms per RSA verify+sign pair");
        }
        JsonNode at = nativeSearch.path("at_fraction");
        if (at.isMissingNode()) {
            target("p99 < 10 ms at 70% of the highest sustainable rate", "not measured", "n/a", false, false);
        } else {
            double p99 = at.path("p99_ms").asDouble();
            target("p99 < 10 ms at 70% of the highest sustainable rate",
                    "p99 " + n(p99) + " ms at " + n(at.path("achieved_rate").asDouble()) + " req/s ("
                            + nativeSearch.path("fraction_base").asText() + ")", ratio(p99, 10), true,
                    p99 < 10 && at.path("ok_2xx_ratio").asDouble() >= 0.99);
            note(waitNote(at) + "; " + snapshotsDuring(at));
        }
        JsonNode busiest = null;
        for (JsonNode t : nativeSearch.path("trials")) {
            if (busiest == null || t.path("achieved_rate").asDouble() > busiest.path("achieved_rate").asDouble()) {
                busiest = t;
            }
        }
        if (busiest != null && ceilingCpuMsPerPair > 0) {
            double perRequest = coreMsPerRequest(busiest, 1);
            double perPair = ceilingCpuMsPerPair;
            b.append("CPU cost, which a busy machine distorts less than rates: at its highest achieved rate the gateway spent **")
                    .append(n(perRequest)).append(" core-ms per Native prepay**; one RSA verify+sign pair costs ")
                    .append(n(perPair)).append(" CPU-ms in the ceiling run, so crypto is ")
                    .append(String.format(Locale.ROOT, "%.0f%%", 100 * perPair / perRequest))
                    .append(" of the gateway's CPU per request (100% would mean everything else is free).\n\n");
        }
        b.append(found ? "Highest Native prepay rate meeting the bound: **" + n(bestRate) + " req/s**, "
                + ratio(bestRate, ceilingRate) + " the crypto ceiling of this run.\n\n"
                : "No Native prepay trial met the p99 bound; the most any trial achieved was **" + n(bestAchieved)
                + " req/s**, " + ratio(bestAchieved, ceilingRate) + " the crypto ceiling of this run.\n\n");

        b.append(gcPauses());
    }

    /** The gateway's log line for a snapshot written: its time (UTC), sequence, size and how long it took. */
    private static final java.util.regex.Pattern SNAPSHOT = java.util.regex.Pattern.compile(
            "^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*snapshot at sequence (\\d+) written \\((\\d+) bytes; the replica applied"
                    + " \\d+ commands in (\\d+) ms, the state was encoded and written in (\\d+) ms");

    /** Which snapshots the gateway took while a trial ran (from gateway.log and the trial's wall clock). */
    private String snapshotsDuring(JsonNode trial) throws IOException {
        Path log = dir.resolve("gateway.log");
        if (!Files.exists(log) || !trial.has("started_at")) {
            return "snapshots during the trial not known";
        }
        java.time.Instant from = java.time.Instant.parse(trial.path("started_at").asText());
        java.time.Instant to = java.time.Instant.parse(trial.path("ended_at").asText());
        java.time.LocalDate day = from.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        List<String> during = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            java.util.regex.Matcher m = SNAPSHOT.matcher(line);
            if (!m.find()) {
                continue;
            }
            java.time.Instant end = java.time.LocalTime.parse(m.group(1)).atDate(day)
                    .toInstant(java.time.ZoneOffset.UTC);
            java.time.Instant start = end.minusMillis(Long.parseLong(m.group(4)) + Long.parseLong(m.group(5)));
            if (start.isBefore(to) && end.isAfter(from)) {
                during.add("at sequence " + m.group(2) + " (" + n(Long.parseLong(m.group(3)) / 1e6) + " MB, "
                        + n(java.time.Duration.between(start, end).toMillis() / 1000.0) + " s)");
            }
        }
        return during.isEmpty() ? "no snapshot was taken during the trial"
                : "snapshots taken during the trial: " + String.join(", ", during);
    }

    /** A G1 pause line of {@code -Xlog:gc}: uptime, what kind, how long. */
    private static final java.util.regex.Pattern GC_PAUSE = java.util.regex.Pattern.compile(
            "^\\[([0-9.]+)s\\].*GC\\(\\d+\\) (Pause [A-Za-z ]+?)(?: \\(.*\\))? .* ([0-9.]+)ms$");

    /** The load gateway's stop-the-world pauses from its GC log (run.sh writes gateway-gc.log). */
    private String gcPauses() throws IOException {
        Path log = dir.resolve("gateway-gc.log");
        if (!Files.exists(log)) {
            return "";
        }
        int count = 0;
        double total = 0;
        double longest = 0;
        List<String> long20 = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            java.util.regex.Matcher m = GC_PAUSE.matcher(line);
            if (!m.find()) {
                continue;
            }
            double ms = Double.parseDouble(m.group(3));
            count++;
            total += ms;
            longest = Math.max(longest, ms);
            if (ms >= 20) {
                long20.add(m.group(2) + " " + n(ms) + " ms at " + m.group(1) + " s");
            }
        }
        return "The load gateway's GC (`-Xlog:gc`, gateway-gc.log, every load of the run): " + count + " pauses, "
                + n(total) + " ms in all, the longest " + n(longest) + " ms"
                + (long20.isEmpty() ? "; none of 20 ms or more.\n\n" : "; of 20 ms or more: " + String.join(", ", long20) + ".\n\n");
    }

    /** What a {@code --search} load file found. */
    private record Search(boolean found, double bestRate, double bestP99, double mostAchieved, double coreMsAtMost,
                          JsonNode busiest) {
        double rate() {
            return found ? bestRate : mostAchieved;
        }
    }

    private static Search search(JsonNode l) {
        if (l == null) {
            return null;
        }
        JsonNode best = l.path("highest_rate");
        boolean found = !best.isMissingNode() && !best.isNull();
        JsonNode busiest = null;
        for (JsonNode t : l.path("trials")) {
            if (busiest == null || t.path("achieved_rate").asDouble() > busiest.path("achieved_rate").asDouble()) {
                busiest = t;
            }
        }
        return new Search(found, found ? best.path("achieved_rate").asDouble() : Double.NaN,
                found ? best.path("p99_ms").asDouble() : Double.NaN,
                busiest == null ? 0 : busiest.path("achieved_rate").asDouble(),
                busiest == null ? Double.NaN : coreMsPerRequest(busiest, 1), busiest);
    }

    /** The load file of a native search whose name starts with {@code prefix} ({@code load-} or {@code sm2-load-}). */
    private JsonNode nativeSearch(String prefix) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".json"))
                    .sorted().toList();
        }
        for (Path p : files) {
            JsonNode l = new ObjectMapper().readTree(p.toFile());
            if (l.has("highest_rate") && l.path("workload").asText().equals("native")) {
                return l;
            }
        }
        return null;
    }

    private void nationalCrypto(StringBuilder b, JsonNode rsaCeiling) throws IOException {
        b.append("## National crypto (SM2) end to end\n\n");
        JsonNode sm2Ceiling = json("ceiling-sm2.json");
        List<Path> loads;
        try (Stream<Path> s = Files.list(dir)) {
            loads = s.filter(p -> p.getFileName().toString().startsWith("sm2-load-") && p.toString().endsWith(".json"))
                    .sorted().toList();
        }
        if (sm2Ceiling == null && loads.isEmpty()) {
            b.append("not measured\n\n");
            target("SM2 end to end against its crypto ceiling; about 6× RSA's requests per core (issue 8)",
                    "not measured", "n/a", false, false);
            return;
        }
        double sm2Rate = sm2Ceiling == null ? Double.NaN : sm2Ceiling.path("pairs_per_second").asDouble();
        double sm2CpuMs = sm2Ceiling == null ? Double.NaN : sm2Ceiling.path("cpu_ms_per_pair").asDouble(Double.NaN);
        if (sm2Ceiling != null) {
            b.append("SM2 crypto ceiling: SM2 verify (request) + SM2 sign (response), SM3withSM2 through Paygate's ")
                    .append("signing API on all ").append(sm2Ceiling.path("threads").asInt()).append(" cores at once: **")
                    .append(n(sm2Rate)).append(" pairs/s** (").append(n(sm2Ceiling.path("pairs_per_second_per_thread").asDouble()))
                    .append(" per thread; ").append(n(sm2CpuMs)).append(" CPU-ms per pair, the threads were on a core ")
                    .append(String.format(Locale.ROOT, "%.0f%%", 100 * sm2Ceiling.path("cpu_share_of_wall").asDouble(Double.NaN)))
                    .append(" of the time; warm-up ").append(n(sm2Ceiling.path("warmup_seconds").asDouble(Double.NaN)))
                    .append(" s). performance.md's quiet-machine figure is ~15,000/s on 2 cores: ")
                    .append(ratio(sm2Rate, 15000)).append(" of it.\n\n");
        }
        b.append("Each SM2 load provisions a fresh merchant with an SM2 key through `POST /admin/v1/merchants`, signs every ")
                .append("request `WECHATPAY2-SM2-WITH-SM3` and names the platform SM2 certificate in `Wechatpay-Serial`; ")
                .append("a sample of the 2xx answers of every trial is verified with that certificate (a wrong serial or ")
                .append("signature fails the trial).\n\n");
        b.append("| workload | target/s | achieved/s | 2xx | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | gateway cores on CPU (busiest threads); cores' worth runnable but waiting | gateway core-ms per request | answers verified (SM2) | passed |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |\n");
        for (Path p : loads) {
            JsonNode l = new ObjectMapper().readTree(p.toFile());
            for (JsonNode t : l.path("trials")) {
                JsonNode sig = t.path("signatures");
                b.append("| sm2 ").append(l.path("workload").asText()).append(" | ").append(n(t.path("target_rate").asDouble()))
                        .append(" | ").append(n(t.path("achieved_rate").asDouble())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f%%", 100 * t.path("ok_2xx_ratio").asDouble())).append(" | ")
                        .append(n(t.path("p50_ms").asDouble())).append(" | ").append(n(t.path("p90_ms").asDouble())).append(" | ")
                        .append(n(t.path("p99_ms").asDouble())).append(" | ").append(n(t.path("p999_ms").asDouble())).append(" | ")
                        .append(n(t.path("max_ms").asDouble())).append(" | ").append(cores(t)).append(" | ")
                        .append(n(coreMsPerRequest(t, l.path("requests_per_job").asInt(1)))).append(" | ")
                        .append(sig.isMissingNode() ? "n/a" : sig.path("verified").asInt() + "/" + sig.path("sampled").asInt()
                                + (sig.path("algorithm").isTextual() ? " " + sig.path("algorithm").asText() : ""))
                        .append(" | ").append(t.path("passed").asBoolean() ? "yes" : "no").append(" |\n");
            }
        }
        b.append("\n");
        Search sm2 = search(nativeSearch("sm2-load-"));
        Search rsa = search(nativeSearch("load-"));
        double rsaRate = rsaCeiling == null ? Double.NaN : rsaCeiling.path("pairs_per_second").asDouble();
        double rsaCpuMs = rsaCeiling == null ? Double.NaN : rsaCeiling.path("cpu_ms_per_pair").asDouble(Double.NaN);
        if (sm2 != null) {
            b.append(sm2.found() ? "Highest SM2 Native prepay rate meeting the p99 bound: **" + n(sm2.bestRate())
                    + " req/s** (p99 " + n(sm2.bestP99()) + " ms), " + ratio(sm2.bestRate(), sm2Rate)
                    + " the SM2 crypto ceiling of this run.\n\n"
                    : "No SM2 Native prepay trial met the p99 bound; the most any trial achieved was **"
                    + n(sm2.mostAchieved()) + " req/s**, " + ratio(sm2.mostAchieved(), sm2Rate)
                    + " the SM2 crypto ceiling of this run.\n\n");
        }
        // per core: what one CPU-second buys, in crypto alone and in the whole gateway
        b.append("RSA against SM2, per core (a CPU-second buys 1000 ÷ CPU-ms; the machine's load distorts CPU cost less ")
                .append("than rates):\n\n| | RSA-2048 | SM2 | SM2 ÷ RSA |\n| --- | ---: | ---: | ---: |\n");
        row(b, "crypto ceiling, verify+sign pairs/s on all cores", rsaRate, sm2Rate);
        row(b, "crypto ceiling, CPU-ms per pair", rsaCpuMs, sm2CpuMs);
        row(b, "crypto ceiling, pairs per CPU-second", 1000 / rsaCpuMs, 1000 / sm2CpuMs);
        row(b, "end to end, highest Native prepay rate meeting p99 (else most achieved), req/s",
                rsa == null ? Double.NaN : rsa.rate(), sm2 == null ? Double.NaN : sm2.rate());
        row(b, "end to end ÷ own crypto ceiling", rsa == null ? Double.NaN : rsa.rate() / rsaRate,
                sm2 == null ? Double.NaN : sm2.rate() / sm2Rate);
        double rsaCore = rsa == null ? Double.NaN : rsa.coreMsAtMost();
        double sm2Core = sm2 == null ? Double.NaN : sm2.coreMsAtMost();
        row(b, "end to end, gateway core-ms per request (at the most achieved rate)", rsaCore, sm2Core);
        row(b, "end to end, requests per gateway core-second", 1000 / rsaCore, 1000 / sm2Core);
        b.append("\n");
        double perCore = (1000 / sm2Core) / (1000 / rsaCore);
        double cryptoPerCore = rsaCpuMs / sm2CpuMs;
        target("SM2 end to end against its crypto ceiling; about 6× RSA's requests per core (issue 8)",
                sm2 == null ? "not measured" : n(sm2.rate()) + " req/s vs SM2 ceiling " + n(sm2Rate) + (sm2.found() ? ""
                        : " (no trial met p99; most achieved)") + "; per gateway core " + ratio(perCore, 1) + " RSA's",
                sm2 == null ? "n/a" : ratio(sm2.rate(), sm2Rate), sm2 != null && !Double.isNaN(perCore), perCore >= 5);
        note("met = SM2 requests per gateway core-second at least 5× RSA's (the issue says about 6×); "
                + "crypto alone: an SM2 pair costs " + n(sm2CpuMs) + " CPU-ms, an RSA pair " + n(rsaCpuMs) + " (" + ratio(cryptoPerCore, 1)
                + " per core); SM2 core-ms per request " + n(sm2Core) + " vs RSA " + n(rsaCore)
                + (sm2 == null || sm2.busiest() == null ? "" : "; at the most achieved SM2 rate: " + waitNote(sm2.busiest())));
    }

    private static void row(StringBuilder b, String what, double rsa, double sm2) {
        b.append("| ").append(what).append(" | ").append(n(rsa)).append(" | ").append(n(sm2)).append(" | ")
                .append(ratio(sm2, rsa)).append(" |\n");
    }

    private static String n3(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private void idleCpu(StringBuilder b) throws IOException {
        b.append("## Idle CPU by wait strategy\n\n");
        JsonNode idle = json("idle-cpu.json");
        if (idle == null) {
            b.append("not measured\n\n");
            return;
        }
        b.append("A fresh sandbox gateway per ring wait strategy (`paygate.ring.wait-strategy` in a temporary HOCON file: ")
                .append("the bench config plus that line); `jcmd Thread.print` shows which strategy class the ring's stage ")
                .append("threads really wait in. CPU of the whole process from `/proc/PID/stat` (utime+stime) over ")
                .append(n(idle.path("idle_s").asDouble())).append(" s idle (after ").append(n(idle.path("settle_s").asDouble()))
                .append(" s to settle), then over ").append(n(idle.path("duration_s").asDouble()))
                .append(" s of open-loop Native prepay (RSA) at ").append(n(idle.path("rate").asDouble()))
                .append("/s. \"Above idle\" subtracts the idle rate: for a strategy that burns CPU when idle it can go ")
                .append("below zero, because waiting for work stops when there is work. Load average after: ")
                .append(idle.path("load_avg_after").asText()).append(".\n\n");
        b.append("| wait strategy | stage threads wait in | idle cores | idle, busiest threads | load: achieved/s | p50 ms | p99 ms | cores under load | core-ms per request | above idle |\n")
                .append("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        Map<String, Double> idleBy = new java.util.LinkedHashMap<>();
        for (JsonNode r : idle.path("strategies")) {
            JsonNode l = r.path("load");
            StringBuilder waits = new StringBuilder();
            java.util.Set<String> classes = new java.util.TreeSet<>();
            r.path("observed_wait_strategy").forEach(v -> classes.add(v.asText()));
            waits.append(String.join(", ", classes));
            StringBuilder busy = new StringBuilder();
            int k = 0;
            for (var e : r.path("idle_cores_by_thread").properties()) {
                if (k++ == 4) {
                    break;
                }
                busy.append(k > 1 ? ", " : "").append(e.getKey()).append(' ').append(n3(e.getValue().asDouble()));
            }
            idleBy.put(r.path("wait_strategy").asText(), r.path("idle_cores").asDouble(Double.NaN));
            b.append("| ").append(r.path("wait_strategy").asText()).append(" | ").append(waits).append(" | ")
                    .append(n3(r.path("idle_cores").asDouble(Double.NaN))).append(" | ").append(busy).append(" | ")
                    .append(n(l.path("achieved_rate").asDouble(Double.NaN))).append(" | ")
                    .append(n(l.path("p50_ms").asDouble(Double.NaN))).append(" | ")
                    .append(n(l.path("p99_ms").asDouble(Double.NaN))).append(" | ")
                    .append(n3(l.path("cores").asDouble(Double.NaN))).append(" | ")
                    .append(n(l.path("core_ms_per_request").asDouble(Double.NaN))).append(" | ")
                    .append(n(l.path("core_ms_per_request_above_idle").asDouble(Double.NaN))).append(" |\n");
        }
        b.append("\n");
        Double parking = idleBy.get("parking");
        Double sleeping = idleBy.get("sleeping");
        Double blocking = idleBy.get("blocking");
        if (parking != null && sleeping != null) {
            b.append("Idle, the default `parking` used **").append(n3(parking)).append(" cores** against `sleeping`'s ")
                    .append(n3(sleeping)).append(" (").append(ratio(parking, sleeping)).append(")")
                    .append(blocking == null ? "" : " and `blocking`'s " + n3(blocking)).append(".\n\n");
            target("Idle gateway CPU: the default wait strategy (parking) stops sleeping's idle burn",
                    "parking " + n3(parking) + " cores idle, sleeping " + n3(sleeping)
                            + (blocking == null ? "" : ", blocking " + n3(blocking)), ratio(parking, sleeping), true,
                    parking < 0.5 * sleeping);
            note("the criterion (parking under half of sleeping) is this report's, not issue 7's; busiest idle threads per "
                    + "strategy in the section below");
        }
    }

    /** Gateway CPU per HTTP request during a trial (warm-up included in the CPU window, so a slight overstatement). */
    private static double coreMsPerRequest(JsonNode t, int requestsPerJob) {
        double cores = t.path("gateway_cores_total").asDouble(Double.NaN);
        double rate = t.path("achieved_rate").asDouble() * requestsPerJob;
        return rate > 0 ? 1000 * cores / rate : Double.NaN;
    }

    /** What else ran on the machine during a trial: the load generator, and the machine's busy cores in all. */
    private static String shared(JsonNode t) {
        if (t.path("loadgen_cores_total").isMissingNode()) {
            return "";
        }
        return "; the load generator on CPU " + n(t.path("loadgen_cores_total").asDouble()) + " cores, the machine busy "
                + n(t.path("machine_busy_cores").asDouble()) + " of " + t.path("machine_cores").asInt();
    }

    private static String cores(JsonNode t) {
        JsonNode c = t.path("gateway_cores_by_thread");
        if (c.isMissingNode()) {
            return "";
        }
        List<Map.Entry<String, JsonNode>> e = new ArrayList<>();
        e.addAll(c.properties());
        e.sort((x, y) -> Double.compare(y.getValue().asDouble(), x.getValue().asDouble()));
        StringBuilder s = new StringBuilder(n(t.path("gateway_cores_total").asDouble())).append(": ");
        for (int i = 0; i < Math.min(4, e.size()); i++) {
            s.append(i > 0 ? ", " : "").append(e.get(i).getKey()).append(' ').append(n(e.get(i).getValue().asDouble()));
        }
        JsonNode wait = t.path("gateway_runqueue_wait_total");
        if (!wait.isMissingNode()) {
            s.append("; waiting for a CPU ").append(n(wait.asDouble())).append(" (api ")
                    .append(n(t.path("gateway_runqueue_wait_by_thread").path("paygate-api").asDouble(0))).append(")");
        }
        return s.append(shared(t)).toString();
    }

    /** Issue 4: a hanging merchant must not delay the first attempt to healthy merchants. */
    private void notifyIsolation(StringBuilder b) throws IOException {
        b.append("## Notification isolation (issue 4)\n\n");
        Path p = dir.resolve("notify-isolation.json");
        if (!Files.exists(p)) {
            b.append("(not run)\n\n");
            return;
        }
        JsonNode j = new ObjectMapper().readTree(p.toFile());
        b.append("A healthy merchant's notification delay (sandbox payment answered → notification received), ")
                .append(j.path("payments").asInt()).append(" sequential payments, alone and then while another ")
                .append("merchant's notify_url hangs (accepts, never answers) with a backlog of ")
                .append(j.path("hanging_backlog").asInt()).append(" undelivered notifications (")
                .append(j.path("hanging_connections").asInt())
                .append(" connections held open to it: its per-merchant concurrency lane).\n\n")
                .append("| healthy merchant | p50 ms | p99 ms | max ms |\n| --- | ---: | ---: | ---: |\n");
        for (String[] row : new String[][] {{"alone", "alone_ms"}, {"beside the hanging merchant", "beside_hanging_ms"}}) {
            JsonNode r = j.path(row[1]);
            b.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", row[0], r.path("p50").asDouble(),
                    r.path("p99").asDouble(), r.path("max").asDouble()));
        }
        b.append("\n");
    }

    /**
     * Where the best ring run's CPU went, per command and thread (the benchmark reads each thread's CPU
     * clock around the timed part): their sum bounds the rate 2 cores can reach.
     */
    private static String ringCpu(JsonNode r) {
        double ops = r == null ? Double.NaN : secondary(r, "stageAllocOps");
        if (!(ops > 0)) {
            return "";
        }
        String[][] threads = {{"producer", "producerCpuNanos"}, {"journal", "journalCpuNanos"},
                {"matcher", "matcherCpuNanos"}, {"last stage", "lastStageCpuNanos"}};
        StringBuilder b = new StringBuilder("; CPU per command: ");
        double sum = 0;
        for (String[] t : threads) {
            double ns = secondary(r, t[1]) / ops;
            sum += ns;
            b.append(t[0]).append(' ').append(n(ns)).append(" ns, ");
        }
        return b.append("in all ").append(n(sum)).append(" ns, so 2 cores allow at most ")
                .append(n(2e9 / sum)).append("/s").toString();
    }

    private void components(StringBuilder b) {
        b.append("## Components (JMH, one fork; allocation from `-prof gc` and from the per-thread counter)\n\n");
        b.append("`-prof gc` B/op divides all allocation in the fork, batch preparation included, by the operations; ")
                .append("\"timed B/op\" reads the thread's own allocation counter around the timed loop only.\n\n");
        b.append("\"CPU ns/op\" is the thread CPU time of the timed part per operation (for the ring, summed over the ")
                .append("producer and stage threads): unlike the score it does not grow while a thread waits for a core.\n\n");
        b.append("| benchmark | params | score | unit | -prof gc B/op | timed B/op | CPU ns/op | anchor | ratio |\n")
                .append("| --- | --- | ---: | --- | ---: | ---: | ---: | --- | ---: |\n");
        Iterator<JsonNode> it = jmh.elements();
        while (it.hasNext()) {
            JsonNode r = it.next();
            String name = r.get("benchmark").asText().replace("io.paygate.bench.jmh.", "");
            StringBuilder params = new StringBuilder();
            r.path("params").properties().forEach(p -> params.append(params.length() > 0 ? " " : "")
                    .append(p.getKey()).append('=').append(p.getValue().asText()));
            double score = score(r);
            String unit = r.path("primaryMetric").path("scoreUnit").asText();
            double rate = score;
            String shownUnit = unit;
            double gcNorm = secondary(r, "gc.alloc.rate.norm");
            if (name.startsWith("JournalReplayBenchmark")) {
                int records = r.path("params").path("records").asInt() + REPLAY_SETUP_RECORDS;
                rate = records / (score / 1000.0);
                gcNorm /= records;
                shownUnit = "records/s (" + n(score) + " ms for " + records + "; B per record)";
            }
            double timed = name.startsWith("RingJournal")
                    ? (secondary(r, "journalAllocBytes") + secondary(r, "matcherAllocBytes")) / secondary(r, "stageAllocOps")
                    : perOp(r, "allocBytes", "allocOps");
            double cpu = name.startsWith("RingJournal")
                    ? (secondary(r, "producerCpuNanos") + secondary(r, "journalCpuNanos") + secondary(r, "matcherCpuNanos")
                            + secondary(r, "lastStageCpuNanos")) / secondary(r, "stageAllocOps")
                    : perOp(r, "cpuNanos", "allocOps");
            String[] anchor = anchor(name, r);
            b.append("| ").append(name).append(" | ").append(params).append(" | ").append(n(rate)).append(" | ")
                    .append(shownUnit).append(" | ").append(n(gcNorm)).append(" | ")
                    .append(n(timed)).append(" | ").append(n(cpu)).append(" | ").append(anchor[0]).append(" | ")
                    .append(anchor[1].isEmpty() ? "" : ratio(rate, Double.parseDouble(anchor[1]))).append(" |\n");
        }
        b.append("\n");

        double matcherMix = score(matcher("mix"));
        double matcherCreate = score(matcher("create"));
        target("Matcher alone ≥ 5 M commands/s (realistic mix; create-only in brackets)",
                n(matcherMix) + " /s (" + n(matcherCreate) + ")", ratio(matcherMix, 5_000_000),
                !Double.isNaN(matcherMix), matcherMix >= 5_000_000);
        StringBuilder kinds = new StringBuilder("by kind: ");
        for (String k : new String[] {"create", "pay", "query", "tick", "mix"}) {
            JsonNode r = matcher(k);
            kinds.append(k).append(' ').append(n(score(r))).append("/s (").append(n(perOp(r, "allocBytes", "allocOps")))
                    .append(" B, GC ").append(n(secondary(r, "gc.time"))).append(" ms), ");
        }
        note(kinds.substring(0, kinds.length() - 2) + "; commands that add state (create, pay) allocate it and drive GC"
                + cacheResident());
        JsonNode bestRing = null;
        for (JsonNode r : results("RingJournalBenchmark.publish", "sync", "none")) {
            if (bestRing == null || score(r) > score(bestRing)) {
                bestRing = r;
            }
        }
        double ring = score(bestRing);
        target("Ring + journal + matcher ≥ 2 M commands/s (best wait strategy, sync=none)",
                n(ring) + " /s" + (bestRing == null ? "" : " (" + bestRing.path("params").path("waitStrategy").asText() + ")"),
                ratio(ring, 2_000_000), bestRing != null, ring >= 2_000_000);
        StringBuilder ws = new StringBuilder("sync=none by wait strategy: ");
        for (JsonNode r : results("RingJournalBenchmark.publish", "sync", "none")) {
            ws.append(r.path("params").path("waitStrategy").asText()).append(' ').append(n(score(r))).append(", ");
        }
        double batchBest = 0;
        for (JsonNode r : results("RingJournalBenchmark.publish", "sync", "batch")) {
            batchBest = Math.max(batchBest, score(r));
        }
        double journalAlone = score(one("JournalAppendBenchmark.append"));
        note(ws + "best with sync=batch " + n(batchBest) + "; matcher alone (create) " + n(matcherCreate)
                + "/s; journal alone (encode + append) " + n(journalAlone) + "/s; 3 ring threads + producer share 2 cores with other work" + ringCpu(bestRing));
        JsonNode replay = one("JournalReplayBenchmark.intoMatcher");
        double replayRate = replay == null ? Double.NaN
                : (replay.path("params").path("records").asInt() + REPLAY_SETUP_RECORDS) / (score(replay) / 1000.0);
        target("Journal replay ≥ 1 M commands/s (read, check, decode, apply to the matcher)", n(replayRate) + " /s",
                ratio(replayRate, 1_000_000), replay != null, replayRate >= 1_000_000);
        JsonNode rd = one("JournalReplayBenchmark.readDecode");
        if (rd != null) {
            double rdRate = (rd.path("params").path("records").asInt() + REPLAY_SETUP_RECORDS) / (score(rd) / 1000.0);
            note("read + CRC + decode alone " + n(rdRate) + "/s (" + n(secondary(rd, "gc.alloc.rate.norm")
                    / (rd.path("params").path("records").asInt() + REPLAY_SETUP_RECORDS)) + " B per record); applying adds the rest");
        }
    }

    /** The performance.md figure a benchmark compares with: {label, value} (value empty: none). */
    private static String[] anchor(String name, JsonNode r) {
        String m = name.substring(name.indexOf('.') + 1);
        return switch (m) {
            case "rsaSign", "rsaSignReused" -> new String[] {"RSA-2048 sign ~1,270/s/core", "1270"};
            case "rsaVerify", "rsaVerifyReused" -> new String[] {"RSA-2048 verify ~35,000/s/core", "35000"};
            case "sm2Sign", "sm2SignReused", "sm2Verify" -> new String[] {"SM2 ~15,000/s/core", "15000"};
            case "aesGcm600", "aesGcm600Reused" -> new String[] {"AES-256-GCM 600 B ~1.7 M/s", "1700000"};
            case "hmacSha256500", "hmacSha256500Reused" -> new String[] {"HMAC-SHA256 500 B ~2.0 M/s", "2000000"};
            case "apply" -> new String[] {"exchange-core 5 M/s, LMAX 6 M/s", "5000000"};
            case "publish" -> new String[] {"target 2 M/s (Disruptor+Chronicle ~1–4 M/s)", "2000000"};
            case "readDecode", "open" -> new String[] {"Chronicle ~5 M msg/s read", "5000000"};
            case "intoMatcher", "applyOnly" -> new String[] {"target 1 M/s", "1000000"};
            case "journalEncode", "journalDecode" -> new String[] {"Chronicle append 2.5–5 M/s", "2500000"};
            case "append" -> new String[] {"Chronicle append 64 B 2.5–5 M/s", "2500000"};
            default -> new String[] {"", ""};
        };
    }

    /** Paygate's call against its control, the ring by wait strategy, and the msync flags seen. */
    private void controls(StringBuilder b) throws IOException {
        b.append("## What the controls show\n\n| Paygate call | /s | control (one JCA object kept; enum instead of label) | /s | control ÷ Paygate |\n")
                .append("| --- | ---: | --- | ---: | ---: |\n");
        String[][] pairs = {{"rsaSign", "rsaSignReused"}, {"rsaVerify", "rsaVerifyReused"}, {"sm2Sign", "sm2SignReused"},
                {"aesGcm600", "aesGcm600Reused"}, {"hmacSha256500", "hmacSha256500Reused"},
                {"stageDone", "stageByEnum"}};
        for (String[] p : pairs) {
            String cls = p[0].equals("stageDone") ? "RecordingBenchmark." : "SigningBenchmark.";
            double a = score(one(cls + p[0]));
            double c = score(one(cls + p[1]));
            b.append("| ").append(cls).append(p[0]).append(" | ").append(n(a)).append(" | ").append(p[1]).append(" | ")
                    .append(n(c)).append(" | ").append(ratio(c, a)).append(" |\n");
        }
        b.append("\nRing + journal + matcher, commands/s by wait strategy (2 cores: 3 ring threads plus the producer):\n\n")
                .append("| wait strategy | sync=none | sync=batch | batch ÷ none |\n| --- | ---: | ---: | ---: |\n");
        for (String w : new String[] {"blocking", "sleeping", "yielding", "busy-spin"}) {
            double none = score(one("RingJournalBenchmark.publish", "waitStrategy", w, "sync", "none"));
            double batch = score(one("RingJournalBenchmark.publish", "waitStrategy", w, "sync", "batch"));
            b.append("| ").append(w).append(" | ").append(n(none)).append(" | ").append(n(batch)).append(" | ")
                    .append(ratio(batch, none)).append(" |\n");
        }
        Path strace = dir.resolve("msync-strace.txt");
        if (Files.exists(strace)) {
            java.util.TreeMap<String, Integer> flags = new java.util.TreeMap<>();
            for (String line : Files.readAllLines(strace)) {
                int at = line.indexOf("msync(");
                if (at >= 0) {
                    String args = line.substring(at, line.indexOf(')', at));
                    flags.merge(args.substring(args.lastIndexOf(',') + 1).strip(), 1, Integer::sum);
                }
            }
            b.append("\n`journal.sync=batch` under strace (`RingJournal -p sync=batch`, 1 s): msync calls by flag: ")
                    .append(flags.isEmpty() ? "none" : flags.toString())
                    .append(". `MS_ASYNC` only schedules write-back; it does not make the batch durable before replies leave.\n");
        }
        b.append("\n");
    }

    private void allocation(StringBuilder b) {
        b.append("## Allocation on the matcher/journal path\n\n");
        double query = perOp(matcher("query"), "allocBytes", "allocOps");
        double tick = perOp(matcher("tick"), "allocBytes", "allocOps");
        double create = perOp(matcher("create"), "allocBytes", "allocOps");
        double pay = perOp(matcher("pay"), "allocBytes", "allocOps");
        double journal = Double.NaN;
        for (JsonNode r : results("RingJournalBenchmark.publish", "sync", "none")) {
            double j = secondary(r, "journalAllocBytes") / secondary(r, "stageAllocOps");
            journal = Double.isNaN(journal) ? j : Math.min(journal, j);
        }
        double stageDone = secondary(one("RecordingBenchmark.stageDone"), "gc.alloc.rate.norm");
        double decode = secondary(one("CodecBenchmark.journalDecode"), "gc.alloc.rate.norm");
        b.append("| where | B per command |\n| --- | ---: |\n")
                .append("| matcher, query | ").append(n(query)).append(" |\n")
                .append("| matcher, tick (nothing due) | ").append(n(tick)).append(" |\n")
                .append("| matcher, create order (includes the order it keeps) | ").append(n(create)).append(" |\n")
                .append("| matcher, pay (includes the transaction id and event it keeps) | ").append(n(pay)).append(" |\n")
                .append("| journal stage thread (ring benchmark, sync=none) | ").append(n(journal)).append(" |\n")
                .append("| `Metrics.stageDone` per call (journal stage calls it twice, matcher once) | ").append(n(stageDone)).append(" |\n")
                .append("| journal record decode (replay; the strings it must create) | ").append(n(decode)).append(" |\n\n");
        boolean known = !Double.isNaN(query) && !Double.isNaN(stageDone);
        boolean met = query < 1 && tick < 1 && stageDone < 1 && (Double.isNaN(journal) || journal < 1);
        target("Matcher and journal path allocate ≈0 per command (state kept by create/pay excluded)",
                "query " + n(query) + " B, tick " + n(tick) + " B, journal thread " + n(journal) + " B, stageDone "
                        + n(stageDone) + " B per call", "n/a", known, met);
        note("create " + n(create) + " B and pay " + n(pay) + " B per command are mostly the state they add (order, "
                + "transaction id, map entries); journal record decode (replay) " + n(decode) + " B per record");
    }
}
