package io.paygate.gateway.metrics;

import io.paygate.gateway.acceptor.Endpoint;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code GET /metrics}: Prometheus text built with the Prometheus client's model and text writer.
 * Latencies are classic histograms in seconds whose buckets run from 1 µs to 10 s, computed from the
 * cumulative HdrHistograms; counters end in {@code _total}; JVM memory, GC, threads and uptime.
 */
public final class PrometheusExporter {

    /** Bucket upper bounds in seconds (+Inf is added by the model). */
    static final double[] BUCKETS = {1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3,
            5e-3, 1e-2, 2.5e-2, 5e-2, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Double.POSITIVE_INFINITY};

    private final MetricsSampler sampler;
    private final Gauges gauges;

    public PrometheusExporter(MetricsSampler sampler, Gauges gauges) {
        this.sampler = sampler;
        this.gauges = gauges;
    }

    /** The exposition, as the text format's bytes. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            PrometheusTextFormatWriter.create().write(out, snapshots(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    MetricSnapshots snapshots() {
        List<MetricSnapshot> all = new ArrayList<>();
        all.add(requestDurations());
        all.add(stageDurations());
        all.add(requestCounts());
        all.add(rejections());
        Metrics m = sampler.metrics();
        all.add(counter("paygate_journal_records", "Commands appended to the journal", m.journalRecords()));
        all.add(counter("paygate_journal_bytes", "Bytes appended to the journal", m.journalBytes()));
        all.add(counter("paygate_stage_failures", "Stage failures that halted intake", m.stageFailures()));
        all.add(CounterSnapshot.builder().name("paygate_notification_attempts").help("Notification delivery attempts")
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of("outcome", "delivered"))
                        .value(m.notificationsDelivered()).build())
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of("outcome", "failed"))
                        .value(m.notificationsFailed()).build())
                .build());
        all.add(gauge("paygate_ring_occupancy", "Ring slots in use", gauges.ringOccupancy()));
        all.add(gauge("paygate_ring_size", "Ring slots", gauges.ringSize()));
        all.add(gauge("paygate_intake_open", "1 when the gateway takes commands", gauges.intakeOpen() ? 1 : 0));
        all.add(gauge("paygate_journal_sequence", "Last journaled command sequence", gauges.journalSequence()));
        all.add(GaugeSnapshot.builder().name("paygate_recovery_seconds")
                .help("Duration of the last start's recovery (snapshot load and journal replay)").unit(Unit.SECONDS)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(gauges.recoverySeconds()).build())
                .build());
        all.add(gauge("paygate_recovery_replayed_commands", "Journaled commands the last recovery replayed",
                gauges.recoveryReplayedCommands()));
        all.add(GaugeSnapshot.builder().name("paygate_snapshot_age_seconds").help("Seconds since the last snapshot")
                .unit(Unit.SECONDS).dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(gauges.snapshotAgeSeconds()).build()).build());
        notifications(all);
        jvm(all);
        return new MetricSnapshots(all);
    }

    private HistogramSnapshot requestDurations() {
        HistogramSnapshot.Builder b = HistogramSnapshot.builder().name("paygate_request_duration_seconds")
                .help("End-to-end API request latency, arrival to response written").unit(Unit.SECONDS);
        Endpoint[] endpoints = Endpoint.values();
        for (Map.Entry<Integer, Histogram> e : sampler.requestTotals().entrySet()) {
            int row = e.getKey() / Metrics.STATUS_COUNT;
            int status = e.getKey() % Metrics.STATUS_COUNT + Metrics.STATUS_MIN;
            String endpoint = row < endpoints.length ? endpoints[row].label() : "none";
            b.dataPoint(histogramPoint(e.getValue(), Labels.of("endpoint", endpoint, "status", Integer.toString(status))));
        }
        return b.build();
    }

    private HistogramSnapshot stageDurations() {
        HistogramSnapshot.Builder b = HistogramSnapshot.builder().name("paygate_stage_duration_seconds")
                .help("Latency of each pipeline stage").unit(Unit.SECONDS);
        for (Stage s : Stage.values()) {
            b.dataPoint(histogramPoint(sampler.stageTotal(s), Labels.of("stage", s.label())));
        }
        return b.build();
    }

    /** Classic buckets from an HdrHistogram in nanoseconds: per-bucket counts, the model accumulates. */
    static HistogramSnapshot.HistogramDataPointSnapshot histogramPoint(Histogram h, Labels labels) {
        long[] counts = new long[BUCKETS.length];
        long below = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            long upTo = Double.isInfinite(BUCKETS[i]) ? h.getTotalCount()
                    : h.getCountBetweenValues(0, (long) (BUCKETS[i] * 1e9));
            counts[i] = upTo - below;
            below = upTo;
        }
        double sumSeconds = h.getTotalCount() == 0 ? 0 : h.getMean() * h.getTotalCount() / 1e9;
        return HistogramSnapshot.HistogramDataPointSnapshot.builder().labels(labels)
                .classicHistogramBuckets(ClassicHistogramBuckets.of(BUCKETS, counts)).sum(sumSeconds).build();
    }

    private CounterSnapshot requestCounts() {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name("paygate_requests").help("API requests answered");
        Endpoint[] endpoints = Endpoint.values();
        Metrics m = sampler.metrics();
        for (int row = 0; row <= Metrics.NO_ENDPOINT; row++) {
            for (int s = 0; s < Metrics.STATUS_COUNT; s++) {
                long n = m.requests(row, s);
                if (n > 0) {
                    String endpoint = row < endpoints.length ? endpoints[row].label() : "none";
                    b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                            .labels(Labels.of("endpoint", endpoint, "status", Integer.toString(s + Metrics.STATUS_MIN)))
                            .value(n).build());
                }
            }
        }
        return b.build();
    }

    private CounterSnapshot rejections() {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name("paygate_rejections")
                .help("Requests refused before or instead of the matcher, by reason");
        for (Rejection r : Rejection.values()) {
            b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of("reason", r.label()))
                    .value(sampler.metrics().rejections(r)).build());
        }
        return b.build();
    }

    private void notifications(List<MetricSnapshot> all) {
        GaugeSnapshot.Builder pending = GaugeSnapshot.builder().name("paygate_notifications_pending")
                .help("Notifications not yet delivered (PENDING or RETRYING), per merchant");
        GaugeSnapshot.Builder exhausted = GaugeSnapshot.builder().name("paygate_notifications_exhausted")
                .help("Notifications whose every attempt failed, per merchant");
        for (Map.Entry<String, long[]> e : gauges.notificationsByMerchant().entrySet()) {
            pending.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of("mchid", e.getKey()))
                    .value(e.getValue()[0]).build());
            exhausted.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of("mchid", e.getKey()))
                    .value(e.getValue()[1]).build());
        }
        all.add(pending.build());
        all.add(exhausted.build());
    }

    private static void jvm(List<MetricSnapshot> all) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        all.add(GaugeSnapshot.builder().name("jvm_memory_used_bytes").help("Used memory").unit(Unit.BYTES)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of("area", "heap"))
                        .value(heap.getUsed()).build())
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of("area", "nonheap"))
                        .value(nonHeap.getUsed()).build())
                .build());
        all.add(GaugeSnapshot.builder().name("jvm_memory_max_bytes").help("Maximum heap").unit(Unit.BYTES)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of("area", "heap"))
                        .value(heap.getMax()).build()).build());
        CounterSnapshot.Builder gcCount = CounterSnapshot.builder().name("jvm_gc_collections").help("GC collections");
        CounterSnapshot.Builder gcTime = CounterSnapshot.builder().name("jvm_gc_collection_seconds")
                .help("Time spent in GC").unit(Unit.SECONDS);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            Labels l = Labels.of("gc", gc.getName());
            gcCount.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(l)
                    .value(Math.max(0, gc.getCollectionCount())).build());
            gcTime.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(l)
                    .value(Math.max(0, gc.getCollectionTime()) / 1000.0).build());
        }
        all.add(gcCount.build());
        all.add(gcTime.build());
        all.add(gauge("jvm_threads_live", "Live threads", ManagementFactory.getThreadMXBean().getThreadCount()));
        all.add(GaugeSnapshot.builder().name("process_uptime_seconds").help("Uptime").unit(Unit.SECONDS)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0).build()).build());
    }

    private static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
