package io.paygate.gateway.metrics;

import io.paygate.gateway.acceptor.Endpoint;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a second: swaps every recorder's interval histogram, adds it to the cumulative histograms
 * that {@code /metrics} and {@code /admin/v1/latency} report, and to the histograms of the current
 * log interval; every log interval, writes those as tagged lines of an HdrHistogram interval log
 * ({@code DIR/metrics/paygate-<start>.hlog}, one file per rotation period, old files deleted), with a
 * comment line carrying the counters. Tags: {@code stage=<stage>}, {@code endpoint=<endpoint>}.
 */
public final class MetricsSampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsSampler.class);
    /** Comment lines with counters start with this. */
    public static final String COUNTERS_COMMENT = "paygate-counters";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Metrics metrics;
    private final Path dir;
    private final long logIntervalMillis;
    private final long rotateMillis;
    private final int filesKept;
    private final Histogram[] stageInterval = histograms(Stage.values().length);
    private final Histogram[] stageTotal = histograms(Stage.values().length);
    private final Histogram[] stageLog = histograms(Stage.values().length);
    private final Histogram[] endpointLog = histograms(Endpoint.values().length);
    private final Map<Integer, Histogram> requestTotal = new HashMap<>();
    private final Histogram scratch = Metrics.newHistogram();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "paygate-metrics");
        t.setDaemon(true);
        return t;
    });
    private HistogramLogWriter log;
    private long logStartedAtMillis;
    private long intervalStartedAtMillis = System.currentTimeMillis();

    public MetricsSampler(Metrics metrics, Path dir, long logIntervalMillis, long rotateMillis, int filesKept) {
        this.metrics = metrics;
        this.dir = dir;
        this.logIntervalMillis = logIntervalMillis;
        this.rotateMillis = rotateMillis;
        this.filesKept = filesKept;
    }

    private static Histogram[] histograms(int n) {
        Histogram[] h = new Histogram[n];
        for (int i = 0; i < n; i++) {
            h[i] = Metrics.newHistogram();
        }
        return h;
    }

    public void start() {
        thread.scheduleAtFixedRate(this::sampleQuietly, 1, 1, TimeUnit.SECONDS);
    }

    private void sampleQuietly() {
        try {
            sample(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.warn("metrics sampling failed: {}", e.toString());
        }
    }

    /** Takes one sample now (the thread does it every second; tests call it directly). */
    public synchronized void sample(long nowMillis) {
        metrics.sampleStages(stageInterval);
        for (int i = 0; i < stageInterval.length; i++) {
            stageTotal[i].add(stageInterval[i]);
            stageLog[i].add(stageInterval[i]);
        }
        for (int slot = 0; slot < metrics.requestSlots(); slot++) {
            if (metrics.sampleRequests(slot, scratch)) {
                requestTotal.computeIfAbsent(slot, k -> Metrics.newHistogram()).add(scratch);
                int row = slot / Metrics.STATUS_COUNT;
                if (row < endpointLog.length) {
                    endpointLog[row].add(scratch);
                }
            }
        }
        if (dir != null && nowMillis - intervalStartedAtMillis >= logIntervalMillis) {
            writeLogInterval(nowMillis);
        }
    }

    private void writeLogInterval(long nowMillis) {
        try {
            HistogramLogWriter w = logFor(nowMillis);
            for (Stage s : Stage.values()) {
                write(w, stageLog[s.ordinal()], "stage=" + s.label(), nowMillis);
            }
            for (Endpoint e : Endpoint.values()) {
                write(w, endpointLog[e.ordinal()], "endpoint=" + e.label(), nowMillis);
            }
            w.outputComment(COUNTERS_COMMENT + " " + nowMillis + " " + counters());
        } catch (IOException e) {
            LOG.warn("cannot write the latency log in {}: {}", dir, e.toString());
        }
        intervalStartedAtMillis = nowMillis;
    }

    private void write(HistogramLogWriter w, Histogram h, String tag, long nowMillis) {
        if (h.getTotalCount() > 0) {
            h.setStartTimeStamp(intervalStartedAtMillis);
            h.setEndTimeStamp(nowMillis);
            h.setTag(tag);
            w.outputIntervalHistogram(h);
        }
        h.reset();
    }

    /** The counters as {@code name=value} pairs (rejections and requests by status class). */
    private String counters() {
        StringBuilder sb = new StringBuilder();
        for (Rejection r : Rejection.values()) {
            sb.append("rejections.").append(r.label()).append('=').append(metrics.rejections(r)).append(' ');
        }
        long[] classes = new long[6];
        for (int row = 0; row <= Metrics.NO_ENDPOINT; row++) {
            for (int s = 0; s < Metrics.STATUS_COUNT; s++) {
                classes[(s + Metrics.STATUS_MIN) / 100] += metrics.requests(row, s);
            }
        }
        for (int c = 1; c <= 5; c++) {
            sb.append("requests.").append(c).append("xx=").append(classes[c]).append(' ');
        }
        return sb.toString().trim();
    }

    private HistogramLogWriter logFor(long nowMillis) throws IOException {
        if (log == null || nowMillis - logStartedAtMillis >= rotateMillis) {
            if (log != null) {
                log.close();
            }
            Files.createDirectories(dir);
            File f = dir.resolve("paygate-" + FILE_TIME.format(Instant.ofEpochMilli(nowMillis)) + ".hlog").toFile();
            try {
                log = new HistogramLogWriter(f);
            } catch (FileNotFoundException e) {
                throw new IOException("cannot create " + f, e);
            }
            log.outputLogFormatVersion();
            log.outputStartTime(nowMillis);
            log.setBaseTime(nowMillis);
            log.outputLegend();
            logStartedAtMillis = nowMillis;
            prune();
        }
        return log;
    }

    private void prune() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "paygate-*.hlog")) {
            ds.forEach(files::add);
        }
        files.sort(null);
        for (int i = 0; i < files.size() - filesKept; i++) {
            Files.deleteIfExists(files.get(i));
        }
    }

    // ---------------------------------------------------------------- readers (hold the lock briefly)

    /** A copy of a stage's cumulative histogram. */
    public synchronized Histogram stageTotal(Stage s) {
        return stageTotal[s.ordinal()].copy();
    }

    /** Copies of the cumulative request histograms by slot (endpoint row * 500 + status - 100). */
    public synchronized Map<Integer, Histogram> requestTotals() {
        Map<Integer, Histogram> out = new HashMap<>();
        requestTotal.forEach((slot, h) -> out.put(slot, h.copy()));
        return out;
    }

    public Metrics metrics() {
        return metrics;
    }

    @Override
    public synchronized void close() {
        thread.shutdownNow();
        long now = System.currentTimeMillis();
        sample(now);
        if (dir != null) {
            writeLogInterval(now); // what the last interval holds is not lost on a clean stop
        }
        if (log != null) {
            log.close();
            log = null;
        }
    }
}
