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
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChronicleJournalTest {

    @TempDir
    Path root;
    /** The journal's directory: a rewrite after a torn record keeps the damaged one beside it. */
    Path dir;

    @BeforeEach
    void journalDir() {
        dir = root.resolve("commands");
    }

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

    /** The damaged journals a rewrite kept beside {@code dir}. */
    List<Path> damagedCopies() throws java.io.IOException {
        try (var s = Files.list(dir.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(dir.getFileName() + ".damaged-")).toList();
        }
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
        // opening checks every record: the gap refuses before anything is replayed
        JournalCorruptException e = catchThrowableOfType(JournalCorruptException.class,
                () -> new ChronicleJournal(dir).close());
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("sequence 4 where 3 was expected")
                .contains("index " + Long.toHexString(gapIndex));
    }

    @Test
    void duplicateSequenceMakesReplayFail() {
        // two writers that both believed they were at sequence 0
        try (ChronicleJournal first = new ChronicleJournal(dir); ChronicleJournal second = new ChronicleJournal(dir)) {
            first.append(order(1));
            second.append(order(1));
        }
        assertThatThrownBy(() -> new ChronicleJournal(dir).close()).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("sequence 1 where 2 was expected");
    }

    @Test
    void journalNotStartingAtOneIsRefused() {
        try (SingleChronicleQueue q = rawQueue(); ExcerptAppender a = q.createAppender()) {
            writeRaw(a, encode(order(2)));
        }
        assertThatThrownBy(() -> new ChronicleJournal(dir).close()).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("sequence 2 where 1 was expected");
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
        JournalCorruptException e = catchThrowableOfType(JournalCorruptException.class,
                () -> new ChronicleJournal(dir).close());
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("corrupt record").contains("index " + Long.toHexString(badIndex))
                .contains(dir.toString());
        assertThat(e.getCause()).isInstanceOf(CorruptRecordException.class);
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
        assertThatThrownBy(() -> new ChronicleJournal(dir).close()).isInstanceOf(JournalCorruptException.class)
                .hasCauseInstanceOf(CorruptRecordException.class);
    }

    @Test
    void emptyRecordMakesReplayFail() {
        try (SingleChronicleQueue q = rawQueue(); ExcerptAppender a = q.createAppender()) {
            writeRaw(a, encode(order(1)));
            writeRaw(a, new byte[0]);
            writeRaw(a, encode(order(2)));
        }
        assertThatThrownBy(() -> new ChronicleJournal(dir).close()).isInstanceOf(JournalCorruptException.class);
    }

    @Test
    void oversizedRecordMakesReplayFail() {
        long bigIndex;
        try (SingleChronicleQueue q = rawQueue(); ExcerptAppender a = q.createAppender()) {
            writeRaw(a, encode(order(1)));
            bigIndex = writeRaw(a, new byte[CommandCodec.RECORD_BYTES_MAX + 1]);
            writeRaw(a, encode(order(2)));
        }
        assertThatThrownBy(() -> new ChronicleJournal(dir).close()).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("index " + Long.toHexString(bigIndex));
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
        try (ChronicleJournal readOnly = ChronicleJournal.readOnly(dir)) {
            assertThat(readOnly.tornTail()).isEqualTo("index " + Long.toHexString(tornIndex));
            readOnly.replay(c -> seen.add(c.sequence));
            assertThat(seen).containsExactly(1L);
        }
        assertThat(damagedCopies()).as("a read-only open changes nothing").isEmpty();
        seen.clear();
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThat(j.tornTail()).isNull();
            j.replay(c -> seen.add(c.sequence));
            assertThat(seen).containsExactly(1L);
            assertThat(j.lastSequence()).isEqualTo(1);
            j.append(order(2)); // the sequence of the dropped record is given to the next command
        }
        assertThat(damagedCopies()).as("the damaged journal is kept beside the rewritten one").hasSize(1);
        seen.clear();
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            j.replay(c -> seen.add(c.sequence));
        }
        assertThat(seen).as("the torn record is gone; the new one follows").containsExactly(1L, 2L);
    }

    @Test
    void corruptRecordFollowedByAnotherIsNeverSkipped() throws Exception {
        try (SingleChronicleQueue q = rawQueue(); ExcerptAppender a = q.createAppender()) {
            writeRaw(a, encode(order(1)));
            byte[] bad = encode(order(2));
            bad[bad.length - 1] ^= 1;
            writeRaw(a, bad);
            writeRaw(a, encode(order(3)));
        }
        assertThatThrownBy(() -> new ChronicleJournal(dir).close()).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("corrupt record");
        assertThat(damagedCopies()).isEmpty();
    }

    // ---------------------------------------------------------------- Chronicle's own excerpt headers

    /** Writes orders 1..n as raw excerpts and returns the file offset of each excerpt's 4-byte header. */
    long[] ordersWithHeaderOffsets(int n) {
        long[] headers = new long[n];
        try (SingleChronicleQueue q = rawQueue(); ExcerptAppender a = q.createAppender()) {
            for (int i = 0; i < n; i++) {
                try (DocumentContext dc = a.writingDocument()) {
                    headers[i] = dc.wire().bytes().writePosition() - 4;
                    dc.wire().bytes().write(encode(order(i + 1)));
                }
            }
        }
        return headers;
    }

    Path cycleFile() throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /** Rewrites the excerpt header at {@code offset} (Chronicle writes it little-endian). */
    void patchHeader(long offset, java.util.function.IntUnaryOperator change) throws java.io.IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(cycleFile().toFile(), "rw")) {
            f.seek(offset);
            int header = Integer.reverseBytes(f.readInt());
            f.seek(offset);
            f.writeInt(Integer.reverseBytes(change.applyAsInt(header)));
        }
    }

    static final int NOT_COMPLETE = 0x8000_0000;

    /** After the damage, the journal opens at 1..3, and what it appends next is replayed after a restart. */
    void lostLastRecordIsCutAndTheNextAppendIsReplayed() throws Exception {
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThat(j.lastSequence()).isEqualTo(3);
            assertThat(replayAll(j)).extracting(c -> c.sequence).containsExactly(1L, 2L, 3L);
            j.append(order(4)); // acknowledged: it must survive the next restart
            j.append(order(5));
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThat(replayAll(j)).extracting(c -> c.sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(j.lastSequence()).isEqualTo(5);
        }
        assertThat(damagedCopies()).hasSize(1);
    }

    @Test
    void aLastExcerptKilledMidWriteIsCutAndLaterAppendsAreNotLost() throws Exception {
        long[] h = ordersWithHeaderOffsets(4);
        patchHeader(h[3], x -> x | NOT_COMPLETE); // what kill -9 leaves while Chronicle writes an excerpt
        lostLastRecordIsCutAndTheNextAppendIsReplayed();
    }

    @Test
    void aZeroedLastHeaderIsCutAndLaterAppendsAreNotLost() throws Exception {
        long[] h = ordersWithHeaderOffsets(4);
        patchHeader(h[3], x -> 0); // a page that never reached the disk
        lostLastRecordIsCutAndTheNextAppendIsReplayed();
    }

    @Test
    void aFileCutAtTheLastHeaderIsCutAndLaterAppendsAreNotLost() throws Exception {
        long[] h = ordersWithHeaderOffsets(4);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(cycleFile().toFile(), "rw")) {
            f.setLength(h[3]);
        }
        lostLastRecordIsCutAndTheNextAppendIsReplayed();
    }

    @Test
    void aHugeLengthInTheLastHeaderIsATornRecordNotACrash() throws Exception {
        long[] h = ordersWithHeaderOffsets(4);
        patchHeader(h[3], x -> x | (1 << 27)); // a 128 MiB excerpt that runs past the end of the file
        lostLastRecordIsCutAndTheNextAppendIsReplayed();
    }

    @Test
    void aFirstRecordKilledMidWriteIsCutAndTheNextAppendIsReplayed() throws Exception {
        long[] h = ordersWithHeaderOffsets(1);
        patchHeader(h[0], x -> x | NOT_COMPLETE);
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThat(j.lastSequence()).isZero();
            j.append(order(1));
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThat(replayAll(j)).extracting(c -> c.sequence).containsExactly(1L);
        }
    }

    @Test
    void aDamagedHeaderBeforeTheEndRefusesNamingWhereTheRecordsStop() throws Exception {
        for (java.util.function.IntUnaryOperator damage : List.<java.util.function.IntUnaryOperator>of(
                x -> 0, x -> x | NOT_COMPLETE)) {
            Path d = root.resolve("middle-" + System.nanoTime());
            dir = d;
            long[] h = ordersWithHeaderOffsets(6);
            patchHeader(h[2], damage);
            assertThatThrownBy(() -> new ChronicleJournal(d).close()).isInstanceOf(JournalCorruptException.class)
                    .hasMessageContaining(d.toString()).hasMessageContaining("refusing");
            assertThat(damagedCopies()).isEmpty();
        }
    }

    @Test
    void aFileCutBeforeItsFirstRecordRefuses() throws Exception {
        long[] h = ordersWithHeaderOffsets(5);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(cycleFile().toFile(), "rw")) {
            f.setLength(h[0]);
        }
        assertThatThrownBy(() -> new ChronicleJournal(dir).close()).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("refusing");
    }

    @Test
    void aRecordKilledMidWriteBeforeTheDailyRollIsLeftBehindAndTodaysAppendsAreReplayed() throws Exception {
        long[] headers = new long[3];
        SetTimeProvider yesterday = new SetTimeProvider(System.currentTimeMillis() - 86_400_000L);
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir.toFile()).rollCycle(RollCycles.FAST_DAILY)
                .timeProvider(yesterday).build(); ExcerptAppender a = q.createAppender()) {
            for (int i = 0; i < 3; i++) {
                try (DocumentContext dc = a.writingDocument()) {
                    headers[i] = dc.wire().bytes().writePosition() - 4;
                    dc.wire().bytes().write(encode(order(i + 1)));
                }
            }
        }
        patchHeader(headers[2], x -> x | NOT_COMPLETE); // yesterday's file ends in a dead excerpt
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThat(j.lastSequence()).isEqualTo(2);
            j.append(order(3)); // today's cycle file
            j.append(order(4));
        }
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThat(replayAll(j)).as("the reader moves on from yesterday's dead end to today's file")
                    .extracting(c -> c.sequence).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void aRewriteInterruptedBeforeTheSwapIsStartedOver() throws Exception {
        long[] h = ordersWithHeaderOffsets(3);
        patchHeader(h[2], x -> x | NOT_COMPLETE);
        Path partial = dir.resolveSibling(dir.getFileName() + ".rewrite");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("half-written.cq4"), "x");
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThat(replayAll(j)).extracting(c -> c.sequence).containsExactly(1L, 2L);
        }
        assertThat(partial).doesNotExist();
    }

    @Test
    void aRewriteInterruptedBetweenTheRenamesIsFinished() throws Exception {
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            j.append(order(1));
            j.append(order(2));
        }
        // the crash came after the damaged journal moved away and before the rewrite took its place
        Files.move(dir, dir.resolveSibling(dir.getFileName() + ".rewrite"));
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            assertThat(replayAll(j)).extracting(c -> c.sequence).containsExactly(1L, 2L);
        }
    }

    @Test
    void readOnlyOpenReportsADeadHeaderAndChangesNothing() throws Exception {
        long[] h = ordersWithHeaderOffsets(3);
        patchHeader(h[2], x -> x | NOT_COMPLETE);
        try (ChronicleJournal j = ChronicleJournal.readOnly(dir)) {
            assertThat(j.tornTail()).startsWith("an unfinished header");
            assertThat(replayAll(j)).extracting(c -> c.sequence).containsExactly(1L, 2L);
        }
        assertThat(damagedCopies()).isEmpty();
    }

    @Test
    void recordQueueCutsADeadLastRecordSoLaterAppendsAreRead() throws Exception {
        long[] h = ordersWithHeaderOffsets(3);
        patchHeader(h[2], x -> x | NOT_COMPLETE);
        try (RecordQueue q = new RecordQueue(dir)) {
            q.append(new byte[] {42});
        }
        List<Integer> lengths = new ArrayList<>();
        try (RecordQueue q = new RecordQueue(dir); RecordQueue.Reader r = q.reader()) {
            for (byte[] b = r.next(); b != null; b = r.next()) {
                lengths.add(b.length);
            }
        }
        assertThat(lengths).hasSize(3).endsWith(1);
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
        try (SingleChronicleQueue q = rawQueue(); ExcerptAppender a = q.createAppender()) {
            writeRaw(a, encode(order(3))); // a gap
            writeRaw(a, encode(order(4)));
        }
        AbstractCloseable.enableCloseableTracing();
        try {
            assertThatThrownBy(() -> new ChronicleJournal(dir)).isInstanceOf(JournalCorruptException.class);
            AbstractCloseable.assertCloseablesClosed();
        } finally {
            AbstractCloseable.disableCloseableTracing();
        }
    }
}
