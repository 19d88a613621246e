package io.paygate.gateway.journal;

import io.paygate.codec.command.Command;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * Opens a (possibly damaged) journal in a child JVM the way production does (no {@code -ea}) and
 * reports what happens, so a JVM crash (SIGSEGV, OOM) fails one test instead of the test JVM.
 *
 * <pre>
 * child: java ... JournalProbe DIR APPEND
 *   LASTINDEX &lt;Chronicle's lastIndex() in hex, before the journal opens&gt;
 *   OPEN1 REPLAYED &lt;seq:outTradeNo,...&gt;   or   OPEN1 REFUSED &lt;exception&gt;
 *   APPENDED &lt;first&gt;..&lt;last&gt;               (APPEND new commands after a successful replay)
 *   OPEN2 REPLAYED ...                     or   OPEN2 REFUSED ...   (a fresh open: the next start)
 *   DONE
 * </pre>
 */
public final class JournalProbe {

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int append = Integer.parseInt(args[1]);
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
        System.out.println("DONE");
        System.out.flush();
        System.exit(0);
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

    /** Runs the probe in a child JVM without {@code -ea}, with this JVM's Chronicle flags. */
    public static Result run(Path dir, int append) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("--enable-native-access") || arg.startsWith("--sun-misc-")
                    || arg.startsWith("-Dchronicle.") || arg.startsWith("-Djna.") || arg.startsWith("-Dproject.")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-Xmx256m", "-XX:-CreateCoredumpOnCrash", "-XX:ErrorFile=" + dir.resolveSibling("hs_err_%p.log"),
                "-cp", System.getProperty("java.class.path"), JournalProbe.class.getName(), dir.toString(),
                Integer.toString(append)));
        Path out = dir.resolveSibling(dir.getFileName() + "-probe.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            String text = Files.readString(out, StandardCharsets.UTF_8);
            throw new AssertionError("journal probe hung for 90 s:\n" + text);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        return new Result(p.exitValue(), text.lines().toList(), text);
    }
}
