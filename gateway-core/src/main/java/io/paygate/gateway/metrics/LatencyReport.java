package io.paygate.gateway.metrics;

import io.paygate.gateway.acceptor.Endpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** {@code GET /admin/v1/latency}: current percentiles since start, per stage and per endpoint, in microseconds. */
public final class LatencyReport {
    private LatencyReport() {
    }

    /** Percentiles reported. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    public static Map<String, Object> of(MetricsSampler sampler) {
        Map<String, Object> stages = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            stages.put(s.label(), summary(sampler.stageTotal(s)));
        }
        Histogram[] byEndpoint = new Histogram[Endpoint.values().length];
        for (Map.Entry<Integer, Histogram> e : sampler.requestTotals().entrySet()) {
            int row = e.getKey() / Metrics.STATUS_COUNT;
            if (row < byEndpoint.length) {
                if (byEndpoint[row] == null) {
                    byEndpoint[row] = Metrics.newHistogram();
                }
                byEndpoint[row].add(e.getValue());
            }
        }
        Map<String, Object> endpoints = new LinkedHashMap<>();
        for (Endpoint e : Endpoint.values()) {
            if (byEndpoint[e.ordinal()] != null) {
                endpoints.put(e.label(), summary(byEndpoint[e.ordinal()]));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("unit", "microseconds");
        out.put("stages", stages);
        out.put("endpoints", endpoints);
        return out;
    }

    static Map<String, Object> summary(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            for (double p : PERCENTILES) {
                m.put("p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)),
                        round(h.getValueAtPercentile(p) / 1000.0));
            }
            m.put("max", round(h.getMaxValue() / 1000.0));
            m.put("mean", round(h.getMean() / 1000.0));
        }
        return m;
    }

    private static double round(double micros) {
        return Math.round(micros * 10) / 10.0;
    }
}
