package io.paygate.gateway.journal;

import com.lmax.disruptor.EventHandler;
import io.paygate.gateway.sequence.CommandEvent;
import io.paygate.gateway.sequence.Intake;
import io.paygate.gateway.sequence.StageListener;

/**
 * Stage 1: makes each state-changing command durable and gives it its sequence. Queries pass
 * through unjournaled. With {@code sync = batch} the whole ring batch is msynced once, before any of
 * its events reach the matcher (and so before any of their responses can leave).
 *
 * <p>A failed append or sync halts intake: the command is marked not journaled, so the matcher
 * never applies it and its client hears 503.
 */
public final class JournalStage implements EventHandler<CommandEvent> {

    private final Journal journal;
    private final Intake intake;
    private final boolean syncEachBatch;
    private final StageListener listener;
    private boolean unsynced;

    public JournalStage(Journal journal, Intake intake, boolean syncEachBatch, StageListener listener) {
        this.journal = journal;
        this.intake = intake;
        this.syncEachBatch = syncEachBatch;
        this.listener = listener;
    }

    @Override
    public void onEvent(CommandEvent event, long sequence, boolean endOfBatch) {
        event.journaled = false;
        if (!intake.isHalted()) {
            if (event.command.type.isQuery()) {
                event.journaled = true;
            } else {
                append(event);
            }
        }
        if (endOfBatch && unsynced) {
            sync();
        }
    }

    private void append(CommandEvent event) {
        long start = System.nanoTime();
        listener.stageDone("ring", start - event.publishedAtNanos);
        try {
            event.command.sequence = journal.lastSequence() + 1;
            listener.journaled(journal.append(event.command));
            event.journaled = true;
            unsynced = syncEachBatch;
        } catch (RuntimeException e) {
            intake.halt("journal append failed: " + e);
            listener.failed("journal", event.command.toString(), e);
        }
        listener.stageDone("journal", System.nanoTime() - start);
    }

    private void sync() {
        unsynced = false;
        try {
            journal.sync();
        } catch (RuntimeException e) {
            // the batch's commands are in the page cache but not proven durable: nothing may be acked
            intake.halt("journal sync failed: " + e);
            listener.failed("journal-sync", "batch", e);
        }
    }
}
