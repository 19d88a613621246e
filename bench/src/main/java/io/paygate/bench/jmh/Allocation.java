package io.paygate.bench.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bytes the benchmark thread allocates inside the timed part only. {@code -prof gc} divides all
 * allocation in the fork (including batch preparation in {@code @Setup(Level.Invocation)}) by the
 * operations, so it overstates a hot path whose inputs are built per batch; this reads the thread's
 * own allocation counter right before and after the timed loop.
 *
 * <p>JMH reports both counters per iteration; bytes per operation = {@code allocBytes / allocOps}
 * (ResultsWriter divides them).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class Allocation {

    private static final com.sun.management.ThreadMXBean THREADS = ThreadAllocation.BEAN;

    /** Bytes allocated by the benchmark thread in the timed part, this iteration. */
    public long allocBytes;
    /** Operations those bytes were spent on, this iteration. */
    public long allocOps;
    /**
     * CPU time the benchmark thread spent in the timed part, this iteration: {@code cpuNanos / allocOps}
     * is the cost per operation, which unlike the score does not grow while the thread waits for a
     * core on a busy machine.
     */
    public long cpuNanos;
    /** The part of {@link #cpuNanos} spent in user mode (the rest is the kernel's: page faults, syscalls). */
    public long userNanos;

    private long mark;
    private long cpuMark;
    private long userMark;
    private long threadId;

    @Setup(Level.Iteration)
    public void reset() {
        allocBytes = 0;
        allocOps = 0;
        cpuNanos = 0;
        userNanos = 0;
        threadId = Thread.currentThread().getId();
        if (!THREADS.isThreadAllocatedMemoryEnabled()) {
            THREADS.setThreadAllocatedMemoryEnabled(true);
        }
    }

    /** Call right before the timed loop. */
    public void begin() {
        mark = THREADS.getThreadAllocatedBytes(threadId);
        cpuMark = THREADS.getCurrentThreadCpuTime();
        userMark = THREADS.getCurrentThreadUserTime();
    }

    /** Call right after the timed loop, with the operations it did. */
    public void end(long ops) {
        cpuNanos += THREADS.getCurrentThreadCpuTime() - cpuMark;
        userNanos += THREADS.getCurrentThreadUserTime() - userMark;
        allocBytes += THREADS.getThreadAllocatedBytes(threadId) - mark;
        allocOps += ops;
    }
}
