package io.paygate.bench.jmh;

import io.paygate.bench.ChronicleFork;
import io.paygate.gateway.metrics.Metrics;
import io.paygate.gateway.metrics.Stage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What each ring stage pays to report its latency: {@code Metrics.stageDone(label, nanos)} is called
 * by the journal and matcher stages for every command (twice by the journal stage). Run with
 * {@code -prof gc}: anything but ~0 B/op here is allocation on the matcher/journal path. The
 * {@code stageByEnum} control records the same value without the label lookup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RecordingBenchmark extends ChronicleFork {

    private final Metrics metrics = new Metrics();
    private long nanos = 1_000;

    @Benchmark
    public void stageDone() {
        nanos = (nanos * 31 + 7) & 0xFFFFF;
        metrics.stageDone("match", nanos + 1);
    }

    @Benchmark
    public void stageByEnum() {
        nanos = (nanos * 31 + 7) & 0xFFFFF;
        metrics.stage(Stage.MATCH, nanos + 1);
    }
}
