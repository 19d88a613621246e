package io.paygate.gateway.metrics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One self-contained HTML page (inline SVG, no scripts, nothing fetched) from the latency logs:
 * latency by percentile for every stage and endpoint, throughput over time, rejections. The picture
 * an SRE looks at after an incident.
 */
public final class HtmlReport {

    private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int W = 640;
    private static final int H = 300;
    private static final int PAD = 56;

    private HtmlReport() {
    }

    /** A line series: name and points (x, y). */
    record Series(String name, List<double[]> points) {
    }

    public static String render(HlogData data, String title) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222}h1{font-size:22px}")
                .append("h2{font-size:18px;margin-top:32px}.grid{display:flex;flex-wrap:wrap;gap:16px}")
                .append("figure{margin:0;border:1px solid #ddd;padding:8px}figcaption{font-weight:600;margin-bottom:4px}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append("th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}")
                .append("</style></head><body>");
        html.append("<h1>").append(escape(title)).append("</h1>");
        html.append("<p>").append(span(data)).append("</p>");
        html.append("<h2>Latency by percentile: stages</h2><div class=\"grid\">");
        for (Map.Entry<String, Histogram> e : data.totals().entrySet()) {
            if (e.getKey().startsWith("stage=")) {
                html.append(percentileFigure(e.getKey(), e.getValue()));
            }
        }
        html.append("</div><h2>Latency by percentile: endpoints (end to end)</h2><div class=\"grid\">");
        for (Map.Entry<String, Histogram> e : data.totals().entrySet()) {
            if (e.getKey().startsWith("endpoint=")) {
                html.append(percentileFigure(e.getKey(), e.getValue()));
            }
        }
        html.append("</div><h2>Throughput over time</h2>").append(throughput(data));
        html.append("<h2>Percentiles</h2>").append(table(data));
        html.append("<h2>Rejections and responses</h2>").append(counters(data));
        html.append("</body></html>\n");
        return html.toString();
    }

    private static String span(HlogData data) {
        long start = Long.MAX_VALUE;
        long end = 0;
        for (List<HlogData.Interval> list : data.intervals().values()) {
            for (HlogData.Interval i : list) {
                start = Math.min(start, i.startMillis());
                end = Math.max(end, i.endMillis());
            }
        }
        if (end == 0) {
            return "No intervals recorded.";
        }
        return "From " + TIME.format(Instant.ofEpochMilli(start)) + " to " + TIME.format(Instant.ofEpochMilli(end))
                + " (" + (end - start) / 1000 + " s). Latencies in microseconds.";
    }

    /** Latency (µs, log) against percentile on a "nines" axis: x = -log10(1 - p/100). */
    static String percentileFigure(String tag, Histogram h) {
        List<double[]> points = new ArrayList<>();
        for (int k = 0; k <= 50; k++) {
            double nines = k / 10.0;
            double p = 100 * (1 - Math.pow(10, -nines));
            points.add(new double[] {nines, Math.max(0.1, h.getValueAtPercentile(p) / 1000.0)});
        }
        String caption = tag + " (" + h.getTotalCount() + " samples)";
        return "<figure data-tag=\"" + escape(tag) + "\"><figcaption>" + escape(caption) + "</figcaption>"
                + chart(List.of(new Series(tag, points)), "percentile", "latency (µs)", true,
                        new String[] {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"}) + "</figure>";
    }

    private static String throughput(HlogData data) {
        List<Series> series = new ArrayList<>();
        long origin = Long.MAX_VALUE;
        for (Map.Entry<String, List<HlogData.Interval>> e : data.intervals().entrySet()) {
            for (HlogData.Interval i : e.getValue()) {
                origin = Math.min(origin, i.startMillis());
            }
        }
        for (Map.Entry<String, List<HlogData.Interval>> e : data.intervals().entrySet()) {
            if (!e.getKey().startsWith("endpoint=")) {
                continue;
            }
            List<double[]> points = new ArrayList<>();
            for (HlogData.Interval i : e.getValue()) {
                double seconds = Math.max(0.001, (i.endMillis() - i.startMillis()) / 1000.0);
                points.add(new double[] {(i.endMillis() - origin) / 1000.0, i.count() / seconds});
            }
            series.add(new Series(e.getKey().substring("endpoint=".length()), points));
        }
        if (series.isEmpty()) {
            return "<p>No requests recorded.</p>";
        }
        return "<figure><figcaption>requests per second by endpoint</figcaption>"
                + chart(series, "seconds since start", "requests/s", false, null) + "</figure>";
    }

    private static String table(HlogData data) {
        StringBuilder t = new StringBuilder("<table><tr><th>tag</th><th>count</th><th>p50</th><th>p90</th><th>p99</th>"
                + "<th>p99.9</th><th>max</th></tr>");
        for (Map.Entry<String, Histogram> e : data.totals().entrySet()) {
            Histogram h = e.getValue();
            t.append("<tr><td>").append(escape(e.getKey())).append("</td><td>").append(h.getTotalCount()).append("</td>");
            for (double p : new double[] {50, 90, 99, 99.9}) {
                t.append("<td>").append(fmt(h.getValueAtPercentile(p) / 1000.0)).append("</td>");
            }
            t.append("<td>").append(fmt(h.getMaxValue() / 1000.0)).append("</td></tr>");
        }
        return t.append("</table>").toString();
    }

    private static String counters(HlogData data) {
        if (data.counters().isEmpty()) {
            return "<p>No counters recorded.</p>";
        }
        HlogData.Counters last = data.counters().get(data.counters().size() - 1);
        StringBuilder t = new StringBuilder("<table><tr><th>counter</th><th>total</th></tr>");
        last.values().forEach((k, v) -> t.append("<tr><td>").append(escape(k)).append("</td><td>").append(v)
                .append("</td></tr>"));
        t.append("</table>");
        List<Series> series = new ArrayList<>();
        long origin = data.counters().get(0).atMillis();
        for (String name : last.values().keySet()) {
            if (!name.startsWith("rejections.")) {
                continue;
            }
            List<double[]> points = new ArrayList<>();
            for (HlogData.Counters c : data.counters()) {
                points.add(new double[] {(c.atMillis() - origin) / 1000.0, c.values().getOrDefault(name, 0L)});
            }
            series.add(new Series(name.substring("rejections.".length()), points));
        }
        return t + "<figure><figcaption>rejections (cumulative) by reason</figcaption>"
                + chart(series, "seconds since start", "rejections", false, null) + "</figure>";
    }

    /** An SVG line chart. With {@code logY}, y is log10; {@code xTicks} labels integer x positions. */
    static String chart(List<Series> series, String xLabel, String yLabel, boolean logY, String[] xTicks) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Series s : series) {
            for (double[] p : s.points()) {
                double y = logY ? Math.log10(p[1]) : p[1];
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        if (minX == Double.MAX_VALUE) {
            return "<svg width=\"" + W + "\" height=\"40\"><text x=\"8\" y=\"24\">no data</text></svg>";
        }
        if (!logY) {
            minY = Math.min(0, minY);
        } else {
            minY = Math.floor(minY);
            maxY = Math.ceil(maxY);
        }
        if (maxY <= minY) {
            maxY = minY + 1;
        }
        if (maxX <= minX) {
            maxX = minX + 1;
        }
        double x0 = minX;
        double sx = (W - 2.0 * PAD) / (maxX - minX);
        double y0 = minY;
        double sy = (H - 2.0 * PAD) / (maxY - minY);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" role=\"img\">");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(W).append("\" height=\"").append(H).append("\" fill=\"#fff\"/>");
        svg.append(line(PAD, H - PAD, W - PAD, H - PAD, "#444")).append(line(PAD, PAD, PAD, H - PAD, "#444"));
        int yTicks = logY ? (int) Math.min(8, maxY - minY) : 4; // log scale: one tick per power of ten
        for (int i = 0; i <= yTicks; i++) {
            double v = minY + (maxY - minY) * i / yTicks;
            double y = H - PAD - (v - y0) * sy;
            svg.append(line(PAD - 4, y, W - PAD, y, "#eee"));
            svg.append(text(PAD - 6, y + 4, fmt(logY ? Math.pow(10, v) : v), "end"));
        }
        for (int i = 0; i <= 5; i++) {
            double v = minX + (maxX - minX) * i / 5;
            double x = PAD + (v - x0) * sx;
            String label = xTicks != null && i < xTicks.length ? xTicks[i] : fmt(v);
            svg.append(text(x, H - PAD + 16, label, "middle"));
        }
        svg.append(text(W / 2.0, H - 12, xLabel, "middle"));
        svg.append("<text x=\"14\" y=\"").append(H / 2).append("\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
                .append(H / 2).append(")\">").append(escape(yLabel)).append("</text>");
        for (int s = 0; s < series.size(); s++) {
            String color = PALETTE[s % PALETTE.length];
            StringBuilder pts = new StringBuilder();
            for (double[] p : series.get(s).points()) {
                double y = logY ? Math.log10(p[1]) : p[1];
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", PAD + (p[0] - x0) * sx, H - PAD - (y - y0) * sy));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
                    .append(pts.toString().trim()).append("\"/>");
            if (series.size() > 1) {
                svg.append("<text x=\"").append(W - PAD + 4).append("\" y=\"").append(PAD + 14 * s)
                        .append("\" font-size=\"11\" fill=\"").append(color).append("\">")
                        .append(escape(series.get(s).name())).append("</text>");
            }
        }
        return svg.append("</svg>").toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String color) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", x1, y1,
                x2, y2, color);
    }

    private static String text(double x, double y, String s, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"%s\">%s</text>", x,
                y, anchor, escape(s));
    }

    static String fmt(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
