package io.paygate.gateway.cli;

import io.paygate.gateway.metrics.HlogData;
import io.paygate.gateway.metrics.HtmlReport;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code paygate report --data-dir DIR}: one self-contained HTML latency report from DIR/metrics. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a self-contained HTML latency report from a data dir's latency logs.")
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Data directory (default ./data).")
    File dataDir = new File("data");

    @Option(names = "--out", description = "Output file (default DATA/report.html).")
    File out;

    @Override
    public Integer call() throws Exception {
        Path metrics = dataDir.toPath().resolve("metrics");
        if (!Files.isDirectory(metrics)) {
            System.err.println("report: no latency logs in " + metrics);
            return 2;
        }
        HlogData data = HlogData.read(metrics);
        Path target = out != null ? out.toPath() : dataDir.toPath().resolve("report.html");
        Files.writeString(target, HtmlReport.render(data, "Paygate latency report: " + dataDir.getAbsolutePath()),
                StandardCharsets.UTF_8);
        System.out.println("report: wrote " + target.toAbsolutePath());
        return 0;
    }
}
