package io.paygate.gateway.metrics;

import io.paygate.gateway.acceptor.Endpoint;
import io.paygate.gateway.acceptor.RequestMetrics;
import io.paygate.gateway.respond.ApiError;
import io.paygate.gateway.sequence.StageListener;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every thread records: a {@link Recorder} per stage and per endpoint (nanoseconds, two
 * significant digits, 1 ns to 60 s), and LongAdder counters. The recording methods are wait-free and
 * allocation-free; everything else ({@link MetricsSampler}, the exposition) reads through
 * {@link #sampleInto}.
 */
public final class Metrics implements StageListener, RequestMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);
    /** Highest recordable latency: 60 s in nanoseconds. */
    static final long HIGHEST_NANOS = 60_000_000_000L;
    static final int DIGITS = 2;
    /** HTTP statuses are counted in 100..599. */
    static final int STATUS_MIN = 100;
    static final int STATUS_COUNT = 500;
    /** Counter slot for requests that never routed. */
    static final int NO_ENDPOINT = Endpoint.values().length;

    private final Recorder[] stages = new Recorder[Stage.values().length];
    /** End-to-end latency per (endpoint row, status - 100), created on first use. */
    private final AtomicReferenceArray<Recorder> requestLatency =
            new AtomicReferenceArray<>((Endpoint.values().length + 1) * STATUS_COUNT);
    private final LongAdder[][] requests = new LongAdder[Endpoint.values().length + 1][STATUS_COUNT];
    private final LongAdder notifyDelivered = new LongAdder();
    private final LongAdder notifyFailed = new LongAdder();
    private final LongAdder[] rejections = new LongAdder[Rejection.values().length];
    private final LongAdder journalRecords = new LongAdder();
    private final LongAdder journalBytes = new LongAdder();
    private final LongAdder stageFailures = new LongAdder();

    public Metrics() {
        for (int i = 0; i < stages.length; i++) {
            stages[i] = new Recorder(1, HIGHEST_NANOS, DIGITS);
        }
        for (LongAdder[] row : requests) {
            for (int s = 0; s < STATUS_COUNT; s++) {
                row[s] = new LongAdder();
            }
        }
        for (int i = 0; i < rejections.length; i++) {
            rejections[i] = new LongAdder();
        }
    }

    /** Records one stage duration. */
    public void stage(Stage stage, long nanos) {
        stages[stage.ordinal()].recordValue(clamp(nanos));
    }

    @Override
    public void stageDone(String stage, long nanos) {
        Stage s = Stage.of(stage);
        if (s != null) {
            stage(s, nanos);
        }
    }

    @Override
    public void failed(String stage, String what, Throwable cause) {
        stageFailures.increment();
        LOG.error("FAIL-STOP in stage {} on {}: intake halted", stage, what, cause);
    }

    @Override
    public void answered(Endpoint endpoint, int status, long nanos) {
        int row = endpoint == null ? NO_ENDPOINT : endpoint.ordinal();
        int s = status - STATUS_MIN;
        if (s < 0 || s >= STATUS_COUNT) {
            return;
        }
        requests[row][s].increment();
        int slot = row * STATUS_COUNT + s;
        Recorder r = requestLatency.get(slot);
        if (r == null) {
            requestLatency.compareAndSet(slot, null, new Recorder(1, HIGHEST_NANOS, DIGITS)); // once per pair
            r = requestLatency.get(slot);
        }
        r.recordValue(clamp(nanos));
    }

    @Override
    public void accepted(long nanos) {
        stage(Stage.ACCEPT, nanos);
    }

    @Override
    public void responded(long nanos) {
        stage(Stage.RESPOND, nanos);
    }

    @Override
    public void rejected(ApiError error) {
        rejections[classify(error).ordinal()].increment();
    }

    /** The reason label of a refusal. */
    static Rejection classify(ApiError e) {
        return switch (e.status()) {
            case 401 -> Rejection.SIGNATURE;
            case 404, 405 -> Rejection.NOT_FOUND;
            case 408, 413, 414, 417, 431 -> Rejection.LIMITS;
            case 429 -> Rejection.RATE;
            case 503 -> e.message().contains("ring full") ? Rejection.RING_FULL : Rejection.UNAVAILABLE;
            default -> e.code().equals("INVALID_REQUEST") && e.status() == 400 ? Rejection.LIMITS : Rejection.VALIDATION;
        };
    }

    /** One notification attempt ended: delivered (200/204) or not, after {@code nanos}. */
    public void notificationAttempt(boolean delivered, long nanos) {
        (delivered ? notifyDelivered : notifyFailed).increment();
        stage(Stage.NOTIFY, nanos);
    }

    @Override
    public void journaled(int bytes) {
        journalRecords.increment();
        journalBytes.add(bytes);
    }

    private static long clamp(long nanos) {
        return nanos < 1 ? 1 : Math.min(nanos, HIGHEST_NANOS);
    }

    // ---------------------------------------------------------------- reading side (sampler, scrapes)

    /** Moves each stage recorder's interval into {@code out[stage]} (reset first). */
    void sampleStages(Histogram[] out) {
        for (int i = 0; i < stages.length; i++) {
            stages[i].getIntervalHistogramInto(out[i]);
        }
    }

    /** The request-latency slots in use (row * STATUS_COUNT + status - 100). */
    int requestSlots() {
        return requestLatency.length();
    }

    /** Moves the interval of one (endpoint, status) recorder into {@code out}; false when it was never used. */
    boolean sampleRequests(int slot, Histogram out) {
        Recorder r = requestLatency.get(slot);
        if (r == null) {
            return false;
        }
        r.getIntervalHistogramInto(out);
        return true;
    }

    long notificationsDelivered() {
        return notifyDelivered.sum();
    }

    long notificationsFailed() {
        return notifyFailed.sum();
    }

    /** Requests answered so far: endpoint row ({@link #NO_ENDPOINT} last), status - 100. */
    long requests(int row, int statusIndex) {
        return requests[row][statusIndex].sum();
    }

    long rejections(Rejection r) {
        return rejections[r.ordinal()].sum();
    }

    long journalRecords() {
        return journalRecords.sum();
    }

    long journalBytes() {
        return journalBytes.sum();
    }

    long stageFailures() {
        return stageFailures.sum();
    }

    /** An empty histogram shaped like the recorders'. */
    static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_NANOS, DIGITS);
    }
}
