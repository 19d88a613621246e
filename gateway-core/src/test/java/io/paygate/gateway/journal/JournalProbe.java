package io.paygate.gateway.journal;

import io.paygate.codec.command.Command;
import io.paygate.gateway.support.ChildGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * Opens a (possibly damaged) journal in a child JVM the way production does (no {@code -ea}) and
 * reports what happens, so a JVM crash (SIGSEGV, OOM) fails one test instead of the test JVM.
 *
 * <pre>
 * child: java ... JournalProbe APPEND DIR...
 *   CASE &lt;dir&gt;
 *   LASTINDEX &lt;Chronicle's lastIndex() in hex, before the journal opens&gt;
 *   OPEN1 REPLAYED &lt;seq:outTradeNo,...&gt;   or   OPEN1 REFUSED &lt;exception&gt;
 *   APPENDED &lt;first&gt;..&lt;last&gt;               (APPEND new commands after a successful replay)
 *   OPEN2 REPLAYED ...                     or   OPEN2 REFUSED ...   (a fresh open: the next start)
 *   DONE
 *   CASE &lt;next dir&gt; ...
 * </pre>
 * One child runs every case in turn (JVM start-up is the cost); a crash fails every case not yet DONE.
 */
public final class JournalProbe {

    public static void main(String[] args) {
        int append = Integer.parseInt(args[0]);
        for (int i = 1; i < args.length; i++) {
            Path dir = Path.of(args[i]);
            System.out.println("CASE " + dir);
            probe(dir, append);
            System.out.println("DONE");
            System.out.flush();
        }
        System.exit(0);
    }

    private static void probe(Path dir, int append) {
        try {
            System.out.println("LASTINDEX " + Long.toHexString(JournalFiles.lastIndex(dir)));
        } catch (RuntimeException e) {
            System.out.println("LASTINDEX failed " + e);
        }
        long last = open(dir, "OPEN1");
        if (last >= 0 && append > 0) {
            try (ChronicleJournal j = new ChronicleJournal(dir)) {
                j.replay(c -> { });
                for (long s = last + 1; s <= last + append; s++) {
                    Command c = ChronicleJournalTest.order(s);
                    c.outTradeNo = "NEW" + s;
                    j.append(c);
                }
            }
            System.out.println("APPENDED " + (last + 1) + ".." + (last + append));
            open(dir, "OPEN2");
        }
    }

    /** Opens and replays; prints what it saw; returns the last sequence, or -1 when refused. */
    private static long open(Path dir, String label) {
        StringJoiner seen = new StringJoiner(",");
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            j.replay(c -> seen.add(c.sequence + ":" + c.outTradeNo));
            System.out.println(label + " REPLAYED " + seen);
            return j.lastSequence();
        } catch (RuntimeException | Error e) {
            System.out.println(label + " REFUSED " + e.toString().replace('\n', ' '));
            return -1;
        }
    }

    /** What a probe run printed and how it ended. */
    public record Result(int exitCode, List<String> lines, String output) {
        public String line(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
        }

        public boolean done() {
            return lines.contains("DONE");
        }
    }

    /** Runs the probe over each dir in one child JVM without {@code -ea}; one result per dir. */
    public static Map<Path, Result> runAll(List<Path> dirs, int append) throws IOException, InterruptedException {
        List<String> cmd = ChildGateway.childJvm();
        Path base = dirs.get(0).toAbsolutePath().getParent().getParent();
        cmd.addAll(List.of("-Xmx256m", "-XX:-CreateCoredumpOnCrash", "-XX:ErrorFile=" + base.resolve("hs_err_%p.log"),
                "-cp", System.getProperty("java.class.path"), JournalProbe.class.getName(), Integer.toString(append)));
        dirs.forEach(d -> cmd.add(d.toString()));
        Path out = base.resolve("probe.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = p.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        int exit = ended ? p.exitValue() : -1;
        Map<Path, Result> results = new LinkedHashMap<>();
        List<String> all = text.lines().toList();
        for (Path d : dirs) {
            int from = all.indexOf("CASE " + d);
            List<String> section = new ArrayList<>();
            for (int i = from + 1; from >= 0 && i < all.size() && !all.get(i).startsWith("CASE "); i++) {
                section.add(all.get(i));
            }
            boolean done = section.contains("DONE");
            String shown = String.join("\n", section) + (done ? "" : "\n(the probe JVM " + (ended ? "exited " + exit
                    : "hung for 180 s") + " before finishing this case; its whole output:)\n" + text);
            results.put(d, new Result(done ? 0 : (exit == 0 ? -1 : exit), section, shown));
        }
        return results;
    }
}
