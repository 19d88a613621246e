package io.paygate.gateway.metrics;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * What a set of Paygate latency logs holds: per tag, the intervals (start time, count) and the
 * aggregate histogram; and the counter comments over time. Read by {@code paygate hlog} and
 * {@code paygate report}.
 */
public final class HlogData {

    /** One interval of one tag. */
    public record Interval(long startMillis, long endMillis, long count) {
    }

    /** A counter sample: its time and {@code name=value} pairs. */
    public record Counters(long atMillis, Map<String, Long> values) {
    }

    private final Map<String, Histogram> totals = new TreeMap<>();
    private final Map<String, List<Interval>> intervals = new TreeMap<>();
    private final List<Counters> counters = new ArrayList<>();

    /** Reads one .hlog file, or every paygate-*.hlog file of a directory (oldest first). */
    public static HlogData read(Path path) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(path, "*.hlog")) {
                ds.forEach(files::add);
            }
            files.sort(null);
        } else {
            files.add(path);
        }
        HlogData data = new HlogData();
        for (Path f : files) {
            data.add(f.toFile());
        }
        return data;
    }

    private void add(File file) throws IOException {
        try (HistogramLogReader reader = new HistogramLogReader(file)) {
            EncodableHistogram e;
            while ((e = reader.nextIntervalHistogram()) != null) {
                if (!(e instanceof Histogram h)) {
                    continue;
                }
                String tag = h.getTag() == null ? "untagged" : h.getTag();
                totals.computeIfAbsent(tag, k -> Metrics.newHistogram()).add(h);
                intervals.computeIfAbsent(tag, k -> new ArrayList<>())
                        .add(new Interval(h.getStartTimeStamp(), h.getEndTimeStamp(), h.getTotalCount()));
            }
        }
        for (String line : Files.readAllLines(file.toPath(), StandardCharsets.UTF_8)) {
            String prefix = "#" + MetricsSampler.COUNTERS_COMMENT + " ";
            if (line.startsWith(prefix)) {
                String[] parts = line.substring(prefix.length()).trim().split("\\s+");
                Map<String, Long> values = new LinkedHashMap<>();
                for (int i = 1; i < parts.length; i++) {
                    int eq = parts[i].indexOf('=');
                    if (eq > 0) {
                        values.put(parts[i].substring(0, eq), Long.parseLong(parts[i].substring(eq + 1)));
                    }
                }
                counters.add(new Counters(Long.parseLong(parts[0]), values));
            }
        }
    }

    public Map<String, Histogram> totals() {
        return totals;
    }

    public Map<String, List<Interval>> intervals() {
        return intervals;
    }

    public List<Counters> counters() {
        return counters;
    }
}
