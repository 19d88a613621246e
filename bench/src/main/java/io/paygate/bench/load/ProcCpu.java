package io.paygate.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of another process's threads from {@code /proc/PID/task/TID/stat} (utime + stime, in
 * clock ticks of 1/100 s on Linux), grouped by thread name with trailing digits dropped, so
 * {@code paygate-api-3-1} and {@code paygate-api-3-2} add up under {@code paygate-api}.
 */
final class ProcCpu {

    static final double TICKS_PER_SECOND = 100.0;

    private ProcCpu() {
    }

    /** Ticks per thread id, with each thread's name. */
    record Sample(Map<String, Long> ticksByTid, Map<String, String> nameByTid, long atNanos) {
    }

    static Sample sample(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] rest = stat.substring(close + 2).split(" ");
                    // after "(comm) ": state is field 3, so utime (14) and stime (15) are rest[11], rest[12]
                    long t = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
                    String tid = task.getFileName().toString();
                    ticks.put(tid, t);
                    names.put(tid, stat.substring(open + 1, close));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException e) {
            return new Sample(Map.of(), Map.of(), System.nanoTime());
        }
        return new Sample(ticks, names, System.nanoTime());
    }

    /** Cores used per thread group between two samples (1.0 = one core busy all the time). */
    static TreeMap<String, Double> coresByGroup(Sample before, Sample after) {
        double seconds = (after.atNanos() - before.atNanos()) / 1e9;
        TreeMap<String, Double> out = new TreeMap<>();
        for (var e : after.ticksByTid().entrySet()) {
            long used = e.getValue() - before.ticksByTid().getOrDefault(e.getKey(), 0L);
            if (used <= 0) {
                continue;
            }
            String group = after.nameByTid().get(e.getKey()).replaceAll("[-#]?[0-9]+([-#][0-9]+)*$", "");
            out.merge(group, used / TICKS_PER_SECOND / seconds, Double::sum);
        }
        return out;
    }
}
