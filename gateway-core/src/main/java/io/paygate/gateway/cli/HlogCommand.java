package io.paygate.gateway.cli;

import io.paygate.gateway.metrics.HlogData;
import java.io.File;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code paygate hlog FILE|DIR}: the percentile distribution of every tag of Paygate's HdrHistogram
 * interval logs (what {@code HistogramLogProcessor} prints), in microseconds.
 */
@Command(name = "hlog", mixinStandardHelpOptions = true,
        description = "Print the latency percentile distribution of a Paygate .hlog file (or a directory of them).")
final class HlogCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "An .hlog file, or a directory such as DATA/metrics.")
    File file;

    @Option(names = "--tag", description = "Only this tag, e.g. stage=journal or endpoint=native.")
    String tag;

    @Option(names = "--summary", description = "One line per tag instead of the full distribution.")
    boolean summary;

    @Override
    public Integer call() throws Exception {
        if (!file.exists()) {
            System.err.println("hlog: no such file " + file);
            return 2;
        }
        HlogData data = HlogData.read(file.toPath());
        int shown = 0;
        for (Map.Entry<String, Histogram> e : data.totals().entrySet()) {
            if (tag != null && !tag.equals(e.getKey())) {
                continue;
            }
            Histogram h = e.getValue();
            shown++;
            System.out.printf("%s: count=%d p50=%.1fus p90=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus%n", e.getKey(),
                    h.getTotalCount(), us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(90)),
                    us(h.getValueAtPercentile(99)), us(h.getValueAtPercentile(99.9)), us(h.getMaxValue()));
            if (!summary) {
                h.outputPercentileDistribution(System.out, 5, 1000.0);
                System.out.println();
            }
        }
        if (shown == 0) {
            System.err.println("hlog: no intervals" + (tag == null ? "" : " tagged " + tag) + " in " + file);
            return 1;
        }
        return 0;
    }

    private static double us(long nanos) {
        return nanos / 1000.0;
    }
}
