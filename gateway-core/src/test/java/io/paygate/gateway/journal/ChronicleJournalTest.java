package io.paygate.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandCodec;
import io.paygate.codec.command.CommandType;
import io.paygate.codec.command.CorruptRecordException;
import io.paygate.codec.command.TradeType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.core.io.AbstractCloseable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChronicleJournalTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void chronicle() {
        ChronicleSetup.init();
    }

    static Command order(long sequence) {
        Command c = new Command();
        c.type = CommandType.CREATE_ORDER;
        c.sequence = sequence;
        c.acceptedAtMillis = 1_767_225_600_000L + sequence;
        c.mchid = "1900000109";
        c.appid = "wxd678efh567hg6787";
        c.outTradeNo = "ORDER" + sequence + "|x*y";
        c.tradeType = sequence % 2 == 0 ? TradeType.JSAPI : TradeType.NATIVE;
        c.openid = sequence % 2 == 0 ? "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" : null;
        c.description = "商品" + sequence + " 😀";
        c.attach = sequence % 3 == 0 ? null : "attach-" + sequence;
        c.notifyUrl = "https://example.com/notify";
        c.timeExpireMillis = sequence % 4 == 0 ? 1_767_232_800_000L : 0;
        c.amountFen = 100 * sequence;
        c.token = "tok" + sequence;
        c.flags = sequence % 2 == 0 ? Command.FLAG_SUPPORT_FAPIAO : 0;
        return c;
    }

    static Command provision(long sequence) {
        Command c = new Command();
        c.type = CommandType.PROVISION_MERCHANT;
        c.sequence = sequence;
        c.acceptedAtMillis = 1_767_225_600_000L;
        c.name = "Demo";
        c.serialNo = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C";
        c.publicKeyDer = new byte[] {0x30, (byte) 0x82, 1, 2, 3, 0, -1};
        c.secret = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
        c.feeRatePpm = 6000;
        return c;
    }

    static List<Command> replayAll(ChronicleJournal j) {
        List<Command> out = new ArrayList<>();
        j.replay(c -> out.add(new Command().copyFrom(c)));
        return out;
    }

    SingleChronicleQueue rawQueue() {
        return SingleChronicleQueueBuilder.binary(dir.toFile()).rollCycle(RollCycles.FAST_DAILY).build();
    }

    static byte[] encode(Command c) {
        byte[] buf = new byte[CommandCodec.RECORD_BYTES_MAX];
        int n = new CommandCodec().encode(c, buf);
        byte[] out = new byte[n];
        System.arraycopy(buf, 0, out, 0, n);
        return out;
    }

    /** Appends raw bytes as one excerpt, bypassing the journal's checks; returns the excerpt's index. */
    static long writeRaw(ExcerptAppender appender, byte[] record) {
        Bytes<byte[]> b = Bytes.allocateElasticOnHeap(record.length);
        b.write(record);
        appender.writeBytes(b);
        return appender.lastIndexAppended();
    }

    // ---------------------------------------------------------------- append and replay

    @Test
    void emptyJournalHasNothingToReplay() {
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThat(j.lastSequence()).isZero();
            assertThat(replayAll(j)).isEmpty();
            assertThat(j.replay(c -> { })).isZero();
        }
    }

    @Test
    void replayGivesBackTheAppendedCommandsInOrder() {
        List<Command> written = new ArrayList<>();
        written.add(provision(1));
        for (long s = 2; s <= 50; s++) {
            written.add(order(s));
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            for (Command c : written) {
                j.append(c);
            }
            assertThat(j.lastSequence()).isEqualTo(50);
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            List<Command> replayed = replayAll(j);
            assertThat(replayed).hasSize(written.size());
            for (int i = 0; i < written.size(); i++) {
                assertThat(replayed.get(i)).as("record %d", i + 1).usingRecursiveComparison().isEqualTo(written.get(i));
            }
            assertThat(j.lastSequence()).isEqualTo(50);
        }
    }

    @Test
    void replayCountsTheRecords() {
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            for (long s = 1; s <= 7; s++) {
                j.append(order(s));
            }
            assertThat(j.replay(c -> { })).isEqualTo(7);
        }
    }

    @Test
    void replayWhileOpenSeesWhatWasJustAppended() {
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            j.append(order(1));
            j.append(order(2));
            assertThat(replayAll(j)).extracting(c -> c.sequence).containsExactly(1L, 2L);
        }
    }

    @Test
    void lastSequenceSurvivesAReopen() {
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            for (long s = 1; s <= 5; s++) {
                j.append(order(s));
            }
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThat(j.lastSequence()).isEqualTo(5);
            j.append(order(6));
            assertThat(j.lastSequence()).isEqualTo(6);
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThat(j.lastSequence()).isEqualTo(6);
            assertThat(replayAll(j)).extracting(c -> c.sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        }
    }

    @Test
    void appendingOutOfSequenceIsRefused() {
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThatThrownBy(() -> j.append(order(2))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("out of sequence");
            j.append(order(1));
            assertThatThrownBy(() -> j.append(order(1))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> j.append(order(3))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> j.append(order(0))).isInstanceOf(IllegalStateException.class);
            assertThat(j.lastSequence()).isEqualTo(1);
            assertThat(replayAll(j)).hasSize(1);
        }
    }

    @Test
    void appendingAfterReopenContinuesTheSequence() {
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            j.append(order(1));
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThatThrownBy(() -> j.append(order(1))).isInstanceOf(IllegalStateException.class);
            j.append(order(2));
        }
    }

    @Test
    void queryCannotBeJournaledAndLeavesNoTrace() {
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            Command q = new Command();
            q.type = CommandType.QUERY_ORDER;
            q.sequence = 1;
            q.mchid = "1900000109";
            assertThatThrownBy(() -> j.append(q)).isInstanceOf(IllegalArgumentException.class);
            assertThat(j.lastSequence()).isZero();
            j.append(order(1));
            assertThat(replayAll(j)).hasSize(1);
        }
    }

    @Test
    void syncMakesNoDifferenceToWhatIsRead() {
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            j.sync(); // nothing appended yet: no appender, nothing to do
            j.append(order(1));
            j.sync();
            j.append(order(2));
            j.sync();
            j.sync();
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThat(replayAll(j)).extracting(c -> c.sequence).containsExactly(1L, 2L);
        }
    }

    // ---------------------------------------------------------------- refusing a journal that cannot be trusted

    @Test
    void sequenceGapMakesReplayFailNamingTheIndex() {
        long gapIndex;
        try (SingleChronicleQueue q = rawQueue(); ExcerptAppender a = q.createAppender()) {
            writeRaw(a, encode(order(1)));
            writeRaw(a, encode(order(2)));
            gapIndex = writeRaw(a, encode(order(4)));
            writeRaw(a, encode(order(5)));
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            List<Long> seen = new ArrayList<>();
            JournalCorruptException e = catchThrowableOfType(JournalCorruptException.class,
                    () -> j.replay(c -> seen.add(c.sequence)));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("sequence 4 where 3 was expected")
                    .contains("index " + Long.toHexString(gapIndex));
            assertThat(seen).as("everything before the gap was replayed, nothing after").containsExactly(1L, 2L);
        }
    }

    @Test
    void duplicateSequenceMakesReplayFail() {
        // two writers that both believed they were at sequence 0
        try (ChronicleJournal first = new ChronicleJournal(dir); ChronicleJournal second = new ChronicleJournal(dir)) {
            first.append(order(1));
            second.append(order(1));
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThatThrownBy(() -> j.replay(c -> { })).isInstanceOf(JournalCorruptException.class)
                    .hasMessageContaining("sequence 1 where 2 was expected");
        }
    }

    @Test
    void journalNotStartingAtOneIsRefused() {
        try (SingleChronicleQueue q = rawQueue(); ExcerptAppender a = q.createAppender()) {
            writeRaw(a, encode(order(2)));
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThatThrownBy(() -> j.replay(c -> { })).isInstanceOf(JournalCorruptException.class)
                    .hasMessageContaining("sequence 2 where 1 was expected");
        }
    }

    @Test
    void recordWithABadCrcMakesReplayFailNamingTheIndex() {
        long badIndex;
        try (SingleChronicleQueue q = rawQueue(); ExcerptAppender a = q.createAppender()) {
            writeRaw(a, encode(order(1)));
            byte[] bad = encode(order(2));
            bad[CommandCodec.HEADER_BYTES + 3] ^= 0x40; // a flipped bit in a field: the CRC no longer matches
            badIndex = writeRaw(a, bad);
            writeRaw(a, encode(order(3)));
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            List<Long> seen = new ArrayList<>();
            JournalCorruptException e = catchThrowableOfType(JournalCorruptException.class,
                    () -> j.replay(c -> seen.add(c.sequence)));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("corrupt record").contains("index " + Long.toHexString(badIndex));
            assertThat(e.getCause()).isInstanceOf(CorruptRecordException.class);
            assertThat(seen).containsExactly(1L);
        }
    }

    @Test
    void truncatedRecordMakesReplayFail() {
        try (SingleChronicleQueue q = rawQueue(); ExcerptAppender a = q.createAppender()) {
            writeRaw(a, encode(order(1)));
            byte[] full = encode(order(2));
            byte[] cut = new byte[full.length - 5];
            System.arraycopy(full, 0, cut, 0, cut.length);
            writeRaw(a, cut);
            writeRaw(a, encode(order(3)));
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThatThrownBy(() -> j.replay(c -> { })).isInstanceOf(JournalCorruptException.class)
                    .hasCauseInstanceOf(CorruptRecordException.class);
        }
    }

    @Test
    void emptyRecordMakesReplayFail() {
        try (SingleChronicleQueue q = rawQueue(); ExcerptAppender a = q.createAppender()) {
            writeRaw(a, encode(order(1)));
            writeRaw(a, new byte[0]);
            writeRaw(a, encode(order(2)));
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThatThrownBy(() -> j.replay(c -> { })).isInstanceOf(JournalCorruptException.class);
        }
    }

    @Test
    void oversizedRecordMakesReplayFail() {
        long bigIndex;
        try (SingleChronicleQueue q = rawQueue(); ExcerptAppender a = q.createAppender()) {
            writeRaw(a, encode(order(1)));
            bigIndex = writeRaw(a, new byte[CommandCodec.RECORD_BYTES_MAX + 1]);
            writeRaw(a, encode(order(2)));
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThatThrownBy(() -> j.replay(c -> { })).isInstanceOf(JournalCorruptException.class)
                    .hasMessageContaining("index " + Long.toHexString(bigIndex));
        }
    }

    @Test
    void corruptLastRecordIsDroppedAsATornTailAndStaysDropped() throws Exception {
        long tornIndex;
        try (SingleChronicleQueue q = rawQueue(); ExcerptAppender a = q.createAppender()) {
            writeRaw(a, encode(order(1)));
            byte[] bad = encode(order(2));
            bad[bad.length - 1] ^= 1;
            tornIndex = writeRaw(a, bad);
        }
        List<Long> seen = new ArrayList<>();
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            j.replay(c -> seen.add(c.sequence));
            assertThat(seen).containsExactly(1L);
            assertThat(j.lastSequence()).isEqualTo(1);
            j.append(order(2)); // the sequence of the dropped record is given to the next command
        }
        assertThat(Files.readString(dir.resolve(ChronicleJournal.TORN_FILE)).trim())
                .isEqualTo(Long.toHexString(tornIndex));
        seen.clear();
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            j.replay(c -> seen.add(c.sequence));
        }
        assertThat(seen).as("the torn record stays skipped; the new one follows").containsExactly(1L, 2L);
    }

    @Test
    void corruptRecordFollowedByAnotherIsNeverSkipped() {
        try (SingleChronicleQueue q = rawQueue(); ExcerptAppender a = q.createAppender()) {
            writeRaw(a, encode(order(1)));
            byte[] bad = encode(order(2));
            bad[bad.length - 1] ^= 1;
            writeRaw(a, bad);
            writeRaw(a, encode(order(3)));
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThatThrownBy(() -> j.replay(c -> { })).isInstanceOf(JournalCorruptException.class)
                    .hasMessageContaining("corrupt record");
        }
        assertThat(dir.resolve(ChronicleJournal.TORN_FILE)).doesNotExist();
    }

    // ---------------------------------------------------------------- resources

    @Test
    void closingTheJournalReleasesTheQueue() {
        AbstractCloseable.enableCloseableTracing();
        try {
            try (ChronicleJournal j = new ChronicleJournal(dir)) {
                j.append(order(1));
                j.replay(c -> { });
            }
            AbstractCloseable.assertCloseablesClosed();
        } finally {
            AbstractCloseable.disableCloseableTracing();
        }
    }

    @Test
    void refusingACorruptJournalReleasesTheQueue() throws Exception {
        try (SingleChronicleQueue q = rawQueue(); ExcerptAppender a = q.createAppender()) {
            writeRaw(a, encode(order(1)));
        }
        Files.writeString(dir.resolve(ChronicleJournal.TORN_FILE), "not-an-index\n");
        AbstractCloseable.enableCloseableTracing();
        try {
            assertThatThrownBy(() -> new ChronicleJournal(dir)).isInstanceOf(JournalCorruptException.class);
            AbstractCloseable.assertCloseablesClosed();
        } finally {
            AbstractCloseable.disableCloseableTracing();
        }
    }
}
