package io.paygate.bench.jmh;

import io.paygate.bench.ChronicleFork;
import io.paygate.codec.command.Command;
import io.paygate.gateway.journal.ChronicleJournal;
import io.paygate.gateway.matcher.MatchResult;
import io.paygate.gateway.matcher.Matcher;
import io.paygate.gateway.matcher.ResultCode;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recovery speed: a journal of {@code records} create-order commands (plus the merchant and payers
 * they need) written once per trial, then replayed from the start, as {@code Gateway.recover} does:
 * {@code readDecode} reads and checks every record (CRC, sequence) only; {@code intoMatcher} also
 * applies each one to a fresh matcher (built untimed before each invocation). One invocation replays
 * the whole journal; the score is records per second. {@code applyOnly} is the apply half alone:
 * the same commands, decoded once per trial (untimed), applied to a fresh matcher, so that
 * {@code intoMatcher} can be split into reading and applying (its strings' hash codes are cached
 * after the first invocation, a little more than replay gets). {@code open} is the other half of a
 * start: opening the journal, which scans and checks every record to find its end before replay.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class JournalReplayBenchmark extends ChronicleFork {

    @Param("1000000")
    public int records;

    private Path dir;
    private ChronicleJournal journal;
    private long total;
    private Matcher matcher;
    private final MatchResult scratch = new MatchResult();
    private long notOk;
    private long seen;

    @Setup(Level.Trial)
    public void write() {
        dir = TempDirs.create("paygate-bench-replay");
        journal = new ChronicleJournal(dir.resolve("commands"));
        MatcherCommands commands = new MatcherCommands(journal::append);
        Command c = new Command();
        for (int i = 0; i < records; i++) {
            commands.applyNow(commands.createOrder(c));
        }
        total = journal.lastSequence();
    }

    /** The journal's commands decoded once (only {@code applyOnly} holds them). */
    @State(Scope.Thread)
    public static class Decoded {
        Command[] commands;

        @Setup(Level.Trial)
        public void decode(JournalReplayBenchmark b) {
            commands = new Command[(int) b.total];
            int[] n = {0};
            b.journal.replay(cmd -> commands[n[0]++] = new Command().copyFrom(cmd));
        }
    }

    @Setup(Level.Invocation)
    public void freshMatcher() {
        matcher = new Matcher();
    }

    /** Read, CRC-check and decode every record: records/s = total / score. */
    @Benchmark
    public long readDecode() {
        seen = 0;
        long n = journal.replay(cmd -> seen += cmd.amountFen > 0 ? 1 : 0);
        if (n != total) {
            throw new IllegalStateException("replayed " + n + " of " + total);
        }
        return seen;
    }

    /** Read, decode and apply every record to a fresh matcher. */
    @Benchmark
    public long intoMatcher() {
        long n = journal.replay(cmd -> {
            matcher.apply(cmd, scratch);
            if (scratch.code != ResultCode.OK) {
                notOk++;
            }
        });
        if (n != total || notOk > 0) {
            throw new IllegalStateException("replayed " + n + " of " + total + ", " + notOk + " not OK");
        }
        return matcher.lastSequence();
    }

    /** Apply the journal's commands, decoded beforehand, to a fresh matcher. */
    @Benchmark
    public long applyOnly(Decoded decoded) {
        for (Command cmd : decoded.commands) {
            matcher.apply(cmd, scratch);
            if (scratch.code != ResultCode.OK) {
                notOk++;
            }
        }
        if (notOk > 0) {
            throw new IllegalStateException(notOk + " not OK");
        }
        return matcher.lastSequence();
    }

    /** Open the journal (scan: read and check every record, find the end) and close it. */
    @Benchmark
    public long open() {
        try (ChronicleJournal opened = new ChronicleJournal(dir.resolve("commands"))) {
            if (opened.lastSequence() != total) {
                throw new IllegalStateException("opened at " + opened.lastSequence() + " of " + total);
            }
            return opened.lastSequence();
        }
    }

    @TearDown(Level.Trial)
    public void delete() {
        journal.close();
        TempDirs.delete(dir);
    }
}
