package io.paygate.gateway.sequence;

import com.lmax.disruptor.EventHandler;
import io.paygate.gateway.matcher.Matcher;
import io.paygate.gateway.matcher.ResultCode;

/**
 * Stage 2: runs the pure {@link Matcher} on the ring's matcher thread, for journaled commands only.
 * A throw from the matcher is a bug or a broken invariant: intake halts and every later command is
 * answered {@link ResultCode#HALTED} without touching the (now suspect) state.
 */
public final class MatcherStage implements EventHandler<CommandEvent> {

    private final Matcher matcher;
    private final Intake intake;
    private final StageListener listener;
    /** When the matcher next has timed work; published for the ticker (read on another thread). */
    private volatile long nextDeadlineMillis;
    private SnapshotSink snapshots = sequence -> false;
    private long snapshotEveryCommands = Long.MAX_VALUE;
    private long snapshotEveryNanos = Long.MAX_VALUE;
    private long commandsSinceSnapshot;
    private long lastSnapshotNanos = System.nanoTime();

    /**
     * Takes a snapshot covering a sequence the matcher has applied, elsewhere (from a replica of the
     * state, not from this matcher); returns false when it cannot take one now.
     */
    @FunctionalInterface
    public interface SnapshotSink {
        boolean submit(long sequence);
    }

    /** Snapshots every {@code everyCommands} journaled commands or {@code everyNanos}, whichever comes first. */
    public MatcherStage snapshotTo(SnapshotSink sink, long everyCommands, long everyNanos) {
        this.snapshots = sink;
        this.snapshotEveryCommands = everyCommands;
        this.snapshotEveryNanos = everyNanos;
        return this;
    }

    public MatcherStage(Matcher matcher, Intake intake, StageListener listener) {
        this.matcher = matcher;
        this.intake = intake;
        this.listener = listener;
        this.nextDeadlineMillis = matcher.nextDeadlineMillis();
    }

    /** The earliest time a TICK would find work (Long.MAX_VALUE: none pending). Any thread. */
    public long nextDeadlineMillis() {
        return nextDeadlineMillis;
    }

    @Override
    public void onEvent(CommandEvent event, long sequence, boolean endOfBatch) {
        if (!event.journaled || intake.isHalted()) {
            event.result.reset();
            event.result.code = ResultCode.HALTED;
            return;
        }
        long start = System.nanoTime();
        try {
            matcher.apply(event.command, event.result);
            if (!event.command.type.isQuery()) {
                nextDeadlineMillis = matcher.nextDeadlineMillis();
                commandsSinceSnapshot++;
                maybeSnapshot(event.command.sequence);
            }
        } catch (RuntimeException e) {
            event.result.reset();
            event.result.code = ResultCode.HALTED;
            intake.halt("matcher failed on " + event.command + ": " + e);
            listener.failed("match", event.command.toString(), e);
        }
        listener.stageDone("match", System.nanoTime() - start);
    }

    /** Only asks for a snapshot: the state is never encoded on this thread (it would stall every request). */
    private void maybeSnapshot(long sequence) {
        long now = System.nanoTime();
        if (commandsSinceSnapshot >= snapshotEveryCommands || now - lastSnapshotNanos >= snapshotEveryNanos) {
            if (snapshots.submit(sequence)) {
                commandsSinceSnapshot = 0;
                lastSnapshotNanos = now;
            }
        }
    }
}
