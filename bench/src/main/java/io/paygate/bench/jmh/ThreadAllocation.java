package io.paygate.bench.jmh;

import java.lang.management.ManagementFactory;

/** The JVM's per-thread allocation and CPU-time counters (HotSpot's {@code com.sun.management} extension). */
final class ThreadAllocation {

    static final com.sun.management.ThreadMXBean BEAN =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ThreadAllocation() {
    }

    /** Bytes {@code t} has allocated since it started. */
    static long bytes(Thread t) {
        return BEAN.getThreadAllocatedBytes(t.getId());
    }

    /** CPU time (user + system) {@code t} has used since it started, in nanoseconds. */
    static long cpuNanos(Thread t) {
        return BEAN.getThreadCpuTime(t.getId());
    }
}
