/**
 * The SRE view. Every stage records its latency into its own HdrHistogram {@link
 * org.HdrHistogram.Recorder} (wait-free, no allocation per record); counters are LongAdders. One
 * sampler thread swaps the recorders' interval histograms once a second, folds them into cumulative
 * histograms for {@code /metrics} (Prometheus text, classic histograms in seconds), and writes them to
 * rotating HdrHistogram interval logs ({@code DIR/metrics/*.hlog}) that {@code paygate hlog} and
 * {@code paygate report} read.
 *
 * <p>Threads: recording on every thread; the sampler on its own; scrapes on the admin event loop.
 * Never: block or allocate on the recording path, or put request data (ids, keys) in a label.
 */
package io.paygate.gateway.metrics;
