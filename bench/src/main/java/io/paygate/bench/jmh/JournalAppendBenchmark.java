package io.paygate.bench.jmh;

import io.paygate.bench.ChronicleFork;
import io.paygate.codec.command.Command;
import io.paygate.gateway.journal.ChronicleJournal;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The journal stage's own work, one thread, no ring: encode a Native create-order command (CRC
 * included) and append it to a Chronicle Queue in a temp dir, page cache only ({@code sync = none}).
 * With {@link MatcherBenchmark}'s create figure it tells how much of the ring benchmark's cost per
 * command is the stages' work and how much is the hand-offs between their threads. Batches of
 * commands are built untimed; past {@link #RECORDS_MAX} records the journal is deleted and started
 * again (untimed) so the disk stays bounded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class JournalAppendBenchmark extends ChronicleFork {

    static final int BATCH = 10_000;
    static final long RECORDS_MAX = 2_000_000;

    private Path dir;
    private ChronicleJournal journal;
    private MatcherCommands commands;
    private final Command[] batch = new Command[BATCH];

    @Setup(Level.Trial)
    public void trial() {
        for (int i = 0; i < BATCH; i++) {
            batch[i] = new Command();
        }
        open();
    }

    private void open() {
        dir = TempDirs.create("paygate-bench-append");
        journal = new ChronicleJournal(dir.resolve("commands"));
        commands = new MatcherCommands(journal::append); // the merchant and payers, as in the ring benchmark
    }

    @Setup(Level.Invocation)
    public void prepare() {
        if (journal.lastSequence() > RECORDS_MAX) {
            tearDown();
            open();
        }
        for (Command c : batch) {
            commands.createOrder(c);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long append(Allocation alloc) {
        alloc.begin();
        long bytes = 0;
        for (Command c : batch) {
            bytes += journal.append(c);
        }
        alloc.end(BATCH);
        return bytes;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        journal.close();
        TempDirs.delete(dir);
    }
}
