package io.paygate.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import io.paygate.gateway.sequence.CommandEvent;
import io.paygate.gateway.sequence.Intake;
import io.paygate.gateway.sequence.StageListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalStageTest {

    /** A journal in memory that counts what it is asked to do and fails on request. */
    static final class FakeJournal implements Journal {
        final List<Long> appended = new ArrayList<>();
        long last;
        int syncs;
        int failAppendAt = -1;
        boolean failSync;

        FakeJournal(long last) {
            this.last = last;
        }

        @Override
        public long lastSequence() {
            return last;
        }

        @Override
        public int append(Command cmd) {
            if (appended.size() == failAppendAt) {
                throw new IllegalStateException("disk full");
            }
            if (cmd.sequence != last + 1) {
                throw new IllegalStateException("out of sequence");
            }
            appended.add(cmd.sequence);
            last = cmd.sequence;
            return 64;
        }

        @Override
        public void sync() {
            if (failSync) {
                throw new IllegalStateException("msync failed");
            }
            syncs++;
        }

        @Override
        public long replay(long afterSequence, Consumer<Command> sink) {
            return 0;
        }

        @Override
        public Follower follow(long afterSequence) {
            throw new UnsupportedOperationException("the journal stage never follows");
        }

        @Override
        public void close() {
        }
    }

    /** Records the stage's reports. */
    static final class Listener implements StageListener {
        final List<String> failures = new ArrayList<>();
        int done;
        final List<String> stages = new ArrayList<>();
        int bytes;

        @Override
        public void journaled(int recordBytes) {
            bytes += recordBytes;
        }

        @Override
        public void stageDone(String stage, long nanos) {
            stages.add(stage);
            done++;
        }

        @Override
        public void failed(String stage, String what, Throwable cause) {
            failures.add(stage);
        }
    }

    final Intake intake = new Intake();
    final Listener listener = new Listener();

    static CommandEvent event(CommandType type) {
        CommandEvent e = new CommandEvent();
        e.command.type = type;
        e.command.mchid = "1900000109";
        e.command.outTradeNo = "ORDER0001";
        return e;
    }

    /** Runs events through the stage as one ring batch. */
    static void batch(JournalStage stage, CommandEvent... events) {
        for (int i = 0; i < events.length; i++) {
            stage.onEvent(events[i], i, i == events.length - 1);
        }
    }

    @Test
    void queryPassesWithoutBeingJournaled() {
        FakeJournal journal = new FakeJournal(0);
        JournalStage stage = new JournalStage(journal, intake, true, listener);
        CommandEvent q = event(CommandType.QUERY_ORDER);
        batch(stage, q);
        assertThat(q.journaled).isTrue();
        assertThat(q.command.sequence).isZero();
        assertThat(journal.appended).isEmpty();
        assertThat(journal.syncs).as("nothing to make durable").isZero();
    }

    @Test
    void stateChangingCommandsGetConsecutiveSequences() {
        FakeJournal journal = new FakeJournal(41);
        JournalStage stage = new JournalStage(journal, intake, false, listener);
        CommandEvent a = event(CommandType.CREATE_ORDER);
        CommandEvent q = event(CommandType.QUERY_ORDER);
        CommandEvent b = event(CommandType.CLOSE_ORDER);
        CommandEvent c = event(CommandType.TICK);
        batch(stage, a, q, b);
        batch(stage, c);
        assertThat(a.command.sequence).isEqualTo(42);
        assertThat(b.command.sequence).isEqualTo(43);
        assertThat(c.command.sequence).isEqualTo(44);
        assertThat(q.command.sequence).as("queries take no sequence").isZero();
        assertThat(journal.appended).containsExactly(42L, 43L, 44L);
        assertThat(List.of(a.journaled, q.journaled, b.journaled, c.journaled)).containsOnly(true);
        assertThat(intake.isHalted()).isFalse();
    }

    @Test
    void failedAppendHaltsIntakeAndLeavesTheCommandUnjournaled() {
        FakeJournal journal = new FakeJournal(0);
        journal.failAppendAt = 1;
        JournalStage stage = new JournalStage(journal, intake, false, listener);
        CommandEvent ok = event(CommandType.CREATE_ORDER);
        CommandEvent failing = event(CommandType.CREATE_ORDER);
        batch(stage, ok, failing);
        assertThat(ok.journaled).isTrue();
        assertThat(failing.journaled).isFalse();
        assertThat(intake.isHalted()).isTrue();
        assertThat(intake.haltReason()).contains("journal append failed").contains("disk full");
        assertThat(listener.failures).containsExactly("journal");
    }

    @Test
    void nothingIsJournaledOnceHalted() {
        FakeJournal journal = new FakeJournal(0);
        journal.failAppendAt = 0;
        JournalStage stage = new JournalStage(journal, intake, false, listener);
        batch(stage, event(CommandType.CREATE_ORDER));
        journal.failAppendAt = -1; // the disk came back: intake stays halted all the same

        CommandEvent later = event(CommandType.CREATE_ORDER);
        CommandEvent query = event(CommandType.QUERY_ORDER);
        batch(stage, later, query);
        assertThat(later.journaled).isFalse();
        assertThat(query.journaled).as("even reads stop: the state is suspect").isFalse();
        assertThat(journal.appended).isEmpty();
    }

    @Test
    void reusedSlotIsNotLeftMarkedJournaled() {
        intake.halt("test");
        JournalStage stage = new JournalStage(new FakeJournal(0), intake, false, listener);
        CommandEvent reused = event(CommandType.CREATE_ORDER);
        reused.journaled = true; // from the slot's previous use
        batch(stage, reused);
        assertThat(reused.journaled).isFalse();
    }

    @Test
    void syncHappensOncePerBatchWhenAsked() {
        FakeJournal journal = new FakeJournal(0);
        JournalStage stage = new JournalStage(journal, intake, true, listener);
        CommandEvent a = event(CommandType.CREATE_ORDER);
        CommandEvent b = event(CommandType.CREATE_ORDER);
        CommandEvent c = event(CommandType.CREATE_ORDER);
        stage.onEvent(a, 0, false);
        stage.onEvent(b, 1, false);
        assertThat(journal.syncs).as("not before the end of the batch").isZero();
        stage.onEvent(c, 2, true);
        assertThat(journal.syncs).isEqualTo(1);

        batch(stage, event(CommandType.CREATE_ORDER), event(CommandType.QUERY_ORDER));
        assertThat(journal.syncs).isEqualTo(2);
    }

    @Test
    void batchEndingInAQuerySyncsTheWritesBeforeIt() {
        FakeJournal journal = new FakeJournal(0);
        JournalStage stage = new JournalStage(journal, intake, true, listener);
        batch(stage, event(CommandType.CREATE_ORDER), event(CommandType.QUERY_ORDER));
        assertThat(journal.syncs).isEqualTo(1);
    }

    @Test
    void batchOfQueriesOnlyIsNotSynced() {
        FakeJournal journal = new FakeJournal(0);
        JournalStage stage = new JournalStage(journal, intake, true, listener);
        batch(stage, event(CommandType.CREATE_ORDER));
        batch(stage, event(CommandType.QUERY_ORDER), event(CommandType.QUERY_ORDER));
        assertThat(journal.syncs).isEqualTo(1);
    }

    @Test
    void noSyncWithoutSyncEachBatch() {
        FakeJournal journal = new FakeJournal(0);
        JournalStage stage = new JournalStage(journal, intake, false, listener);
        batch(stage, event(CommandType.CREATE_ORDER), event(CommandType.CREATE_ORDER));
        batch(stage, event(CommandType.CREATE_ORDER));
        assertThat(journal.appended).hasSize(3);
        assertThat(journal.syncs).isZero();
    }

    @Test
    void failedSyncHaltsIntake() {
        FakeJournal journal = new FakeJournal(0);
        journal.failSync = true;
        JournalStage stage = new JournalStage(journal, intake, true, listener);
        batch(stage, event(CommandType.CREATE_ORDER));
        assertThat(intake.isHalted()).isTrue();
        assertThat(intake.haltReason()).contains("journal sync failed");
        assertThat(listener.failures).containsExactly("journal-sync");
    }

    @Test
    void eachAppendIsReportedToTheListener() {
        JournalStage stage = new JournalStage(new FakeJournal(0), intake, false, listener);
        batch(stage, event(CommandType.CREATE_ORDER), event(CommandType.QUERY_ORDER), event(CommandType.CLOSE_ORDER));
        // each journaled command reports its ring wait and its append; the query reports nothing
        assertThat(listener.stages).containsExactly("ring", "journal", "ring", "journal");
        assertThat(listener.bytes).isEqualTo(2 * 64);
        assertThat(listener.failures).isEmpty();
    }

    @Test
    void stageOverARealJournalWritesWhatReplayReadsBack(@TempDir Path dir) {
        ChronicleSetup.init();
        try (ChronicleJournal journal = new ChronicleJournal(dir)) {
            JournalStage stage = new JournalStage(journal, intake, true, listener);
            batch(stage, event(CommandType.CREATE_ORDER), event(CommandType.QUERY_ORDER), event(CommandType.CLOSE_ORDER));
            List<CommandType> replayed = new ArrayList<>();
            List<Long> sequences = new ArrayList<>();
            journal.replay(c -> {
                replayed.add(c.type);
                sequences.add(c.sequence);
            });
            assertThat(replayed).containsExactly(CommandType.CREATE_ORDER, CommandType.CLOSE_ORDER);
            assertThat(sequences).containsExactly(1L, 2L);
            assertThat(intake.isHalted()).isFalse();
        }
    }
}
