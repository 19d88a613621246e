package io.paygate.bench.jmh;

import io.paygate.bench.ChronicleFork;
import io.paygate.codec.command.Command;
import io.paygate.gateway.config.GatewayConfig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ring + Chronicle journal + matcher, no HTTP: Native create-order commands published by one
 * producer (as the event loops would) through the production stages. {@code sync}: {@code none}
 * (page cache, survives kill -9) or {@code batch} (msync per ring batch). {@code waitStrategy}: the
 * ring's consumer wait, every value {@code ring.wait-strategy} accepts — on a machine with fewer free
 * cores than ring threads, a spinning strategy starves the stage it waits for.
 *
 * <p>Allocation per command on the journal and matcher threads is read from their own counters
 * ({@link StageAllocation}): the batch preparation on the producer thread is not counted.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RingJournalBenchmark extends ChronicleFork {

    static final int BATCH = 10_000;
    static final long ORDERS_MAX = 1_000_000;

    @Param({"none", "batch"})
    public String sync;

    @Param({"parking", "blocking", "sleeping", "yielding", "busy-spin"})
    public String waitStrategy;

    @Param("16384")
    public int ringSize;

    private RingPipeline pipeline;
    private final Command[] batch = new Command[BATCH];

    /** Bytes allocated on the journal and matcher threads per command, summed per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class StageAllocation {
        public long journalAllocBytes;
        public long matcherAllocBytes;
        public long stageAllocOps;
        /** CPU time per thread, summed per iteration: where the commands' cost lands on the 2 cores. */
        public long producerCpuNanos;
        public long journalCpuNanos;
        public long matcherCpuNanos;
        public long lastStageCpuNanos;

        @Setup(Level.Iteration)
        public void reset() {
            journalAllocBytes = 0;
            matcherAllocBytes = 0;
            stageAllocOps = 0;
            producerCpuNanos = 0;
            journalCpuNanos = 0;
            matcherCpuNanos = 0;
            lastStageCpuNanos = 0;
        }
    }

    @Setup(Level.Trial)
    public void trial() {
        if (!GatewayConfig.WAIT_STRATEGIES.contains(waitStrategy)) {
            throw new IllegalArgumentException("ring.wait-strategy no longer offers " + waitStrategy + ": "
                    + GatewayConfig.WAIT_STRATEGIES);
        }
        for (int i = 0; i < BATCH; i++) {
            batch[i] = new Command();
        }
        pipeline = new RingPipeline(ringSize, waitStrategy, sync.equals("batch"));
    }

    @Setup(Level.Invocation)
    public void prepare() {
        if (pipeline.commands.orders() > ORDERS_MAX) {
            check();
            pipeline.close();
            pipeline = new RingPipeline(ringSize, waitStrategy, sync.equals("batch"));
        }
        for (Command c : batch) {
            pipeline.commands.createOrder(c);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void publish(StageAllocation alloc) {
        Thread j = pipeline.journalThread;
        Thread m = pipeline.matcherThread;
        Thread l = pipeline.lastStageThread;
        Thread p = Thread.currentThread();
        boolean seen = j != null && m != null && l != null;
        long j0 = seen ? ThreadAllocation.bytes(j) : 0;
        long m0 = seen ? ThreadAllocation.bytes(m) : 0;
        long jc = seen ? ThreadAllocation.cpuNanos(j) : 0;
        long mc = seen ? ThreadAllocation.cpuNanos(m) : 0;
        long lc = seen ? ThreadAllocation.cpuNanos(l) : 0;
        long pc = seen ? ThreadAllocation.cpuNanos(p) : 0;
        pipeline.run(batch);
        if (seen) {
            alloc.journalAllocBytes += ThreadAllocation.bytes(j) - j0;
            alloc.matcherAllocBytes += ThreadAllocation.bytes(m) - m0;
            alloc.journalCpuNanos += ThreadAllocation.cpuNanos(j) - jc;
            alloc.matcherCpuNanos += ThreadAllocation.cpuNanos(m) - mc;
            alloc.lastStageCpuNanos += ThreadAllocation.cpuNanos(l) - lc;
            alloc.producerCpuNanos += ThreadAllocation.cpuNanos(p) - pc;
            alloc.stageAllocOps += BATCH;
        }
    }

    private void check() {
        if (pipeline.notOk() > 0 || pipeline.intake.isHalted()) {
            throw new IllegalStateException(pipeline.notOk() + " commands not OK, intake "
                    + pipeline.intake.state() + " " + pipeline.intake.haltReason());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        check();
        pipeline.close();
    }
}
