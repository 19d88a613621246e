package io.paygate.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.gateway.acceptor.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Recorded latencies come back intact through the .hlog files, paygate hlog and paygate report. */
class HlogRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void recordedValuesRoundTripThroughTheIntervalLog() throws Exception {
        Metrics m = new Metrics();
        MetricsSampler sampler = new MetricsSampler(m, dir.resolve("metrics"), 1_000, 3_600_000, 10);
        long t = 1_800_000_000_000L;
        for (int round = 0; round < 3; round++) {
            for (int i = 1; i <= 100; i++) {
                m.stage(Stage.MATCH, i * 1_000L);       // 1..100 µs
                m.stage(Stage.JOURNAL, 50_000L);         // 50 µs
                m.answered(Endpoint.NATIVE_PREPAY, 200, 2_000_000L); // 2 ms
            }
            m.answered(Endpoint.NATIVE_PREPAY, 401, 100_000L);
            t += 1_500;
            sampler.sample(t); // each sample spans more than the 1 s log interval: one log interval each
        }
        sampler.close();

        HlogData data = HlogData.read(dir.resolve("metrics"));
        Histogram match = data.totals().get("stage=match");
        assertThat(match.getTotalCount()).isEqualTo(300);
        assertThat(match.getValueAtPercentile(50) / 1000.0).isBetween(49.0, 52.0);
        assertThat(match.getMaxValue() / 1000.0).isBetween(99.0, 101.0);
        assertThat(data.totals().get("stage=journal").getTotalCount()).isEqualTo(300);
        assertThat(data.totals().get("endpoint=native").getTotalCount()).isEqualTo(303);
        assertThat(data.intervals().get("stage=match")).hasSize(3).allMatch(i -> i.count() == 100);
        assertThat(data.totals()).doesNotContainKey("stage=notify"); // nothing recorded, nothing logged
        assertThat(data.counters()).isNotEmpty();
        assertThat(data.counters().get(data.counters().size() - 1).values())
                .containsEntry("requests.2xx", 300L).containsEntry("requests.4xx", 3L);
        // the interval totals equal what the cumulative view reports
        assertThat(sampler.stageTotal(Stage.MATCH).getTotalCount()).isEqualTo(300);
    }

    @Test
    void hlogAndReportCommandsReadTheLogs() throws Exception {
        Metrics m = new Metrics();
        MetricsSampler sampler = new MetricsSampler(m, dir.resolve("metrics"), 1, 3_600_000, 10);
        for (Stage s : Stage.values()) {
            for (int i = 1; i <= 50; i++) {
                m.stage(s, i * 10_000L);
            }
        }
        m.answered(Endpoint.CODEPAY, 202, 3_000_000L);
        m.rejected(io.paygate.gateway.respond.ApiError.signError("bad"));
        sampler.sample(System.currentTimeMillis() + 10);
        sampler.close();

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = new CommandLine(new io.paygate.gateway.cli.Main()).execute("hlog", dir.resolve("metrics").toString(),
                    "--summary");
        } finally {
            System.setOut(original);
        }
        assertThat(code).isZero();
        String text = captured.toString(StandardCharsets.UTF_8);
        for (Stage s : Stage.values()) {
            assertThat(text).contains("stage=" + s.label() + ": count=50");
        }
        assertThat(text).contains("endpoint=codepay: count=1");

        assertThat(new CommandLine(new io.paygate.gateway.cli.Main()).execute("report", "--data-dir", dir.toString()))
                .isZero();
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("http://cdn");
        for (Stage s : Stage.values()) {
            assertThat(html).as("a plot for stage %s", s).contains("<figure data-tag=\"stage=" + s.label() + "\"");
        }
        assertThat(html).contains("<polyline").contains("rejections.signature");
    }
}
