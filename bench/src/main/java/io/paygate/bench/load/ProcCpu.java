package io.paygate.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU use of another process's threads, grouped by thread name with trailing numbers dropped (so
 * {@code paygate-api-3-1} and {@code paygate-api-3-2} add up under {@code paygate-api}). From
 * {@code /proc/PID/task/TID/schedstat}: nanoseconds on a CPU and nanoseconds spent runnable but
 * waiting for one. The second tells a gateway starved by other processes on a shared machine apart
 * from a gateway that is idle or blocked.
 */
final class ProcCpu {

    private ProcCpu() {
    }

    /** Per thread id: {on-CPU ns, run-queue wait ns}, and each thread's name. */
    record Sample(Map<String, long[]> nsByTid, Map<String, String> nameByTid, long atNanos) {
    }

    static Sample sample(long pid) {
        Map<String, long[]> ns = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] sched = Files.readString(task.resolve("schedstat")).trim().split(" ");
                    String tid = task.getFileName().toString();
                    ns.put(tid, new long[] {Long.parseLong(sched[0]), Long.parseLong(sched[1])});
                    names.put(tid, stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException e) {
            return new Sample(Map.of(), Map.of(), System.nanoTime());
        }
        return new Sample(ns, names, System.nanoTime());
    }

    /**
     * The whole machine's CPU time from {@code /proc/stat}: {all jiffies, idle + iowait jiffies}
     * summed over every CPU, or null where there is no /proc.
     */
    static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                all += Long.parseLong(f[i]);
            }
            return new long[] {all, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Cores busy (not idle) on the whole machine between two {@link #machine()} readings. */
    static double busyCores(long[] before, long[] after) {
        if (before == null || after == null || after[0] <= before[0]) {
            return Double.NaN;
        }
        double busy = 1.0 - (double) (after[1] - before[1]) / (after[0] - before[0]);
        return busy * Runtime.getRuntime().availableProcessors();
    }

    /** Cores used (which = 0) or cores' worth of run-queue waiting (which = 1) per thread group between two samples. */
    static TreeMap<String, Double> byGroup(Sample before, Sample after, int which) {
        double wallNs = after.atNanos() - before.atNanos();
        TreeMap<String, Double> out = new TreeMap<>();
        for (var e : after.nsByTid().entrySet()) {
            long[] was = before.nsByTid().get(e.getKey());
            long used = e.getValue()[which] - (was == null ? 0 : was[which]);
            if (used <= 0) {
                continue;
            }
            String group = after.nameByTid().get(e.getKey()).replaceAll("[-#]?[0-9]+([-#][0-9]+)*$", "");
            out.merge(group, used / wallNs, Double::sum);
        }
        return out;
    }
}
