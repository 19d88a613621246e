package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.support.TestGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics: the families, types and labels SREs rely on, counts that follow traffic, consistent buckets. */
class MetricsSystemTest {

    @TempDir
    static Path dir;
    static TestGateway gw;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? (\\S+)$");

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start(dir);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static HttpResponse<String> get(String path, boolean token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.adminBaseUrl() + path));
        if (token) {
            b.header("Authorization", "Bearer " + gw.adminToken());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static List<Sample> scrape() throws Exception {
        HttpResponse<String> r = get("/metrics", false);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        List<Sample> out = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("exposition line: %s", line).isTrue();
            Map<String, String> labels = new HashMap<>();
            if (m.group(3) != null && !m.group(3).isEmpty()) {
                for (String pair : m.group(3).split(",(?=[a-z_]+=\")")) {
                    int eq = pair.indexOf('=');
                    labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
                }
            }
            out.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return out;
    }

    static double value(List<Sample> all, String name, Map<String, String> labels) {
        return all.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    @Test
    void familiesTypesAndLabels() throws Exception {
        String body = get("/metrics", false).body();
        assertThat(body).contains("# TYPE paygate_request_duration_seconds histogram")
                .contains("# TYPE paygate_stage_duration_seconds histogram")
                .contains("# TYPE paygate_requests_total counter")
                .contains("# TYPE paygate_rejections_total counter")
                .contains("# TYPE paygate_journal_records_total counter")
                .contains("# TYPE paygate_ring_occupancy gauge")
                .contains("# TYPE paygate_recovery_seconds gauge")
                .contains("# TYPE paygate_recovery_replayed_commands gauge")
                .contains("# TYPE paygate_snapshot_age_seconds gauge")
                .contains("# TYPE jvm_memory_used_bytes gauge");
        assertThat(value(scrape(), "paygate_recovery_seconds", Map.of())).as("the start's recovery took some time")
                .isGreaterThan(0);
        for (String stage : List.of("accept", "ring", "journal", "match", "respond", "notify")) {
            assertThat(body).contains("paygate_stage_duration_seconds_count{stage=\"" + stage + "\"}");
        }
        assertThat(body).contains("le=\"1.0E-6\"").contains("le=\"10.0\"").contains("le=\"+Inf\"");
    }

    @Test
    void countsFollowTrafficAndBucketsAddUp() throws Exception {
        List<Sample> before = scrape();
        MerchantClient m = new MerchantClient(gw.demo(), gw.apiBaseUrl());
        for (int i = 0; i < 5; i++) {
            m.signed("POST", "/v3/pay/transactions/native", "{\"appid\":\"" + gw.demo().appid() + "\",\"mchid\":\""
                    + gw.demo().mchid() + "\",\"description\":\"m\",\"out_trade_no\":\"METRICS_" + i
                    + "\",\"notify_url\":\"https://merchant.example/n\",\"amount\":{\"total\":1}}");
        }
        HTTP.send(HttpRequest.newBuilder(URI.create(gw.apiBaseUrl() + "/v3/pay/transactions/native"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        await().atMost(Duration.ofSeconds(10)).until(() ->
                value(scrape(), "paygate_request_duration_seconds_count", Map.of("endpoint", "native", "status", "200"))
                        >= value(before, "paygate_request_duration_seconds_count",
                                Map.of("endpoint", "native", "status", "200")) + 5);
        List<Sample> after = scrape();
        assertThat(value(after, "paygate_requests_total", Map.of("endpoint", "native", "status", "200")))
                .isEqualTo(value(before, "paygate_requests_total", Map.of("endpoint", "native", "status", "200")) + 5);
        assertThat(value(after, "paygate_rejections_total", Map.of("reason", "signature")))
                .isEqualTo(value(before, "paygate_rejections_total", Map.of("reason", "signature")) + 1);
        assertThat(value(after, "paygate_journal_records_total", Map.of()))
                .isGreaterThanOrEqualTo(value(before, "paygate_journal_records_total", Map.of()) + 5);

        for (String family : List.of("paygate_stage_duration_seconds", "paygate_request_duration_seconds")) {
            Map<String, List<Sample>> bySeries = new HashMap<>();
            for (Sample s : after) {
                if (s.name().equals(family + "_bucket")) {
                    Map<String, String> key = new HashMap<>(s.labels());
                    key.remove("le");
                    bySeries.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(s);
                }
            }
            assertThat(bySeries).isNotEmpty();
            for (List<Sample> buckets : bySeries.values()) {
                double previous = 0;
                for (Sample b : buckets) {
                    assertThat(b.value()).as("cumulative buckets never decrease").isGreaterThanOrEqualTo(previous);
                    previous = b.value();
                }
                Sample inf = buckets.get(buckets.size() - 1);
                assertThat(inf.labels().get("le")).isEqualTo("+Inf");
                Map<String, String> labels = new HashMap<>(inf.labels());
                labels.remove("le");
                assertThat(inf.value()).as("+Inf bucket equals _count for %s", labels)
                        .isEqualTo(value(after, family + "_count", labels));
            }
        }
    }

    @Test
    void latencyEndpointNeedsTheTokenAndReportsEveryStage() throws Exception {
        assertThat(get("/admin/v1/latency", false).statusCode()).isEqualTo(401);
        HttpResponse<String> r = get("/admin/v1/latency", true);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"unit\":\"microseconds\"").contains("\"match\"").contains("\"journal\"")
                .contains("\"notify\"");
    }
}
