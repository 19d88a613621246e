package io.paygate.bench.jmh;

import com.lmax.disruptor.EventHandler;
import io.paygate.codec.command.Command;
import io.paygate.gateway.journal.ChronicleJournal;
import io.paygate.gateway.journal.JournalStage;
import io.paygate.gateway.matcher.ResultCode;
import io.paygate.gateway.sequence.CommandEvent;
import io.paygate.gateway.sequence.Intake;
import io.paygate.gateway.sequence.MatcherStage;
import io.paygate.gateway.sequence.Ring;
import io.paygate.gateway.sequence.StageListener;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The gateway's ring without HTTP: the production {@link Ring}, {@link JournalStage} on a real
 * Chronicle journal in a temp dir and {@link MatcherStage}, wired as {@code Pipeline.wireRing} wires
 * them, with a counting stage where respond and outbox would be. Each stage thread is remembered on
 * its first event so its allocation can be read.
 */
final class RingPipeline implements AutoCloseable {

    /** How long the producer sleeps when the ring is full (the stages drain thousands of commands meanwhile). */
    static final long FULL_RING_PARK_NANOS = 50_000;

    final Path dir;
    final ChronicleJournal journal;
    final MatcherCommands commands;
    final Ring ring;
    final Intake intake = new Intake();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong notOk = new AtomicLong();
    private long published;
    volatile Thread journalThread;
    volatile Thread matcherThread;
    volatile Thread lastStageThread;

    RingPipeline(int ringSize, String waitStrategy, boolean syncEachBatch) {
        dir = TempDirs.create("paygate-bench-ring");
        // Chronicle's appender belongs to one thread: the set-up commands are written through their own
        // journal, closed, and the ring's journal stage reopens the queue and continues after them
        try (ChronicleJournal setUp = new ChronicleJournal(dir.resolve("commands"))) {
            commands = new MatcherCommands(setUp::append);
        }
        journal = new ChronicleJournal(dir.resolve("commands"));
        if (journal.lastSequence() != commands.matcher().lastSequence()) {
            throw new IllegalStateException("reopened journal ends at " + journal.lastSequence());
        }
        ring = new Ring(ringSize, waitStrategy);
        JournalStage journalStage = new JournalStage(journal, intake, syncEachBatch, StageListener.NONE);
        MatcherStage matcherStage = new MatcherStage(commands.matcher(), intake, StageListener.NONE);
        // as Pipeline.wireRing: the journal and matcher stages wake the stages that wait for them
        ring.disruptor()
                .handleEventsWith(ring.signalling(remember(journalStage, true)))
                .then(ring.signalling(remember(matcherStage, false)))
                .then(this::count);
        ring.start();
        intake.open();
    }

    private EventHandler<CommandEvent> remember(EventHandler<CommandEvent> stage, boolean isJournal) {
        return (event, sequence, endOfBatch) -> {
            if (isJournal && journalThread == null) {
                journalThread = Thread.currentThread();
            } else if (!isJournal && matcherThread == null) {
                matcherThread = Thread.currentThread();
            }
            stage.onEvent(event, sequence, endOfBatch);
        };
    }

    private void count(CommandEvent event, long sequence, boolean endOfBatch) {
        if (lastStageThread == null) {
            lastStageThread = Thread.currentThread();
        }
        if (event.result.code != ResultCode.OK) {
            notOk.incrementAndGet();
        }
        if (endOfBatch) {
            done.lazySet(sequence + 1);
        }
    }

    /**
     * Publishes every command, then waits until the last went through. While the ring is full the
     * producer sleeps a little instead of spinning: the gateway's event loops answer 503 then and go
     * on with other work, they never spin on the ring, and a spinning producer would take a core from
     * the stages it waits for.
     */
    void run(Command[] batch) {
        for (Command c : batch) {
            while (!ring.tryPublish(c, null)) {
                LockSupport.parkNanos(FULL_RING_PARK_NANOS);
            }
        }
        published += batch.length;
        while (done.get() < published) {
            LockSupport.parkNanos(20_000);
        }
    }

    long notOk() {
        return notOk.get();
    }

    @Override
    public void close() {
        ring.shutdown();
        journal.close();
        TempDirs.delete(dir);
    }
}
