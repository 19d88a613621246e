package io.paygate.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage to Chronicle Queue's own framing rather than to a record's bytes: the 4-byte excerpt
 * header (zeroed, not-complete bit, meta-data bit, length flips including huge lengths), a file cut
 * exactly at the last header, and a file cut before its first record (inside the header/index area).
 *
 * <p>Each damaged journal is opened by {@link JournalProbe} in a child JVM without {@code -ea}, as in
 * production, because some of these damages crashed the JVM (SIGSEGV in HeapBytesStore.write) or
 * tripped Chronicle's assertions. The correct behaviour:
 * <ul>
 *   <li>a damaged MIDDLE header, or a cut before the first record, refuses to start: a replay must
 *       never silently stop early and hand out a prefix (Chronicle's {@code lastIndex()}, printed by
 *       the probe, says more records exist);</li>
 *   <li>a LOST last record (header zeroed, file cut at its header) is dropped, and commands appended
 *       afterwards are replayed on the next start: no acknowledged command lost, no sequence twice;</li>
 *   <li>a last header with the not-complete bit or a huge length is dropped or refused, never a JVM
 *       crash or an OutOfMemoryError.</li>
 * </ul>
 */
class ChronicleFramingDamageTest {

    static final int RECORDS = 10;
    static final int MIDDLE = 4; // the fifth record
    static final int APPEND = 3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void chronicle() {
        ChronicleSetup.init();
    }

    // ---------------------------------------------------------------- a damaged middle header refuses

    @Test
    void zeroedMiddleHeaderRefuses() throws Exception {
        assertRefused(damageHeader(MIDDLE, h -> 0));
    }

    @Test
    void notCompleteBitOnAMiddleHeaderRefuses() throws Exception {
        assertRefused(damageHeader(MIDDLE, h -> h | JournalFiles.NOT_COMPLETE));
    }

    @Test
    void metaDataBitOnAMiddleHeaderRefuses() throws Exception {
        assertRefused(damageHeader(MIDDLE, h -> h | JournalFiles.META_DATA));
    }

    @Test
    void shorterLengthInAMiddleHeaderRefuses() throws Exception {
        assertRefused(damageHeader(MIDDLE, h -> h - 8));
    }

    @Test
    void longerLengthInAMiddleHeaderRefuses() throws Exception {
        assertRefused(damageHeader(MIDDLE, h -> h + 8));
    }

    @Test
    void hugeLengthInAMiddleHeaderRefusesWithoutCrashing() throws Exception {
        assertRefused(damageHeader(MIDDLE, h -> (h & ~JournalFiles.LENGTH_MASK) | 0x3FFF_FFF0));
    }

    // ---------------------------------------------------------------- a lost last record is dropped

    @Test
    void zeroedLastHeaderDropsTheRecordAndLaterAppendsAreReplayed() throws Exception {
        assertDropped(damageHeader(RECORDS - 1, h -> 0), false);
    }

    @Test
    void fileCutExactlyAtTheLastHeaderDropsTheRecordAndLaterAppendsAreReplayed() throws Exception {
        Path dir = journal();
        JournalFiles.Excerpt last = JournalFiles.excerpts(dir).get(RECORDS - 1);
        JournalFiles.truncate(JournalFiles.cycleFile(dir), last.headerPos());
        assertDropped(JournalProbe.run(dir, APPEND), false);
    }

    @Test
    void notCompleteBitOnTheLastHeaderIsDroppedOrRefused() throws Exception {
        assertDropped(damageHeader(RECORDS - 1, h -> h | JournalFiles.NOT_COMPLETE), true);
    }

    @Test
    void longerLengthInTheLastHeaderIsDroppedOrRefused() throws Exception {
        assertDropped(damageHeader(RECORDS - 1, h -> h + 8), true);
    }

    @Test
    void hugeLengthInTheLastHeaderIsDroppedOrRefusedWithoutCrashing() throws Exception {
        assertDropped(damageHeader(RECORDS - 1, h -> (h & ~JournalFiles.LENGTH_MASK) | 0x3FFF_FFF0), true);
    }

    // ---------------------------------------------------------------- a cut before the first record refuses

    @Test
    void fileCutRightBeforeTheFirstRecordRefuses() throws Exception {
        Path dir = journal();
        JournalFiles.Excerpt first = JournalFiles.excerpts(dir).get(0);
        JournalFiles.truncate(JournalFiles.cycleFile(dir), first.headerPos());
        assertRefused(JournalProbe.run(dir, APPEND));
    }

    @Test
    void fileCutInsideTheHeaderAndIndexAreaRefuses() throws Exception {
        Long fixed = Long.getLong("paygate.seed");
        long seed = fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
        Path dir = journal();
        JournalFiles.Excerpt first = JournalFiles.excerpts(dir).get(0);
        long cut = new SplittableRandom(seed).nextLong(first.headerPos());
        System.out.println("ChronicleFramingDamageTest seed=" + seed + " (-Dpaygate.seed=" + seed + "): cut at " + cut
                + " of " + first.headerPos() + " header/index bytes");
        JournalFiles.truncate(JournalFiles.cycleFile(dir), cut);
        assertRefused(JournalProbe.run(dir, APPEND));
    }

    // ---------------------------------------------------------------- helpers

    /** A journal of {@value #RECORDS} records written the production way. */
    private Path journal() {
        Path dir = tmp.resolve("commands");
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            j.append(ChronicleJournalTest.provision(1));
            for (long s = 2; s <= RECORDS; s++) {
                j.append(ChronicleJournalTest.order(s));
            }
        }
        assertThat(JournalFiles.excerpts(dir)).hasSize(RECORDS);
        return dir;
    }

    private JournalProbe.Result damageHeader(int record, java.util.function.IntUnaryOperator edit) throws Exception {
        Path dir = journal();
        JournalFiles.Excerpt x = JournalFiles.excerpts(dir).get(record);
        Path file = JournalFiles.cycleFile(dir);
        int header = JournalFiles.readHeader(file, x.headerPos());
        assertThat(header & JournalFiles.LENGTH_MASK).isEqualTo(x.length());
        int damaged = edit.applyAsInt(header);
        JournalFiles.writeHeader(file, x.headerPos(), damaged);
        System.out.printf("record %d (index %x) header %08x -> %08x%n", record + 1, x.index(), header, damaged);
        return JournalProbe.run(dir, APPEND);
    }

    private static void assertNoCrash(JournalProbe.Result r) {
        assertThat(r.done()).as("the probe JVM ended normally (exit %d); it printed:%n%s", r.exitCode(), r.output())
                .isTrue();
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).as("no OutOfMemoryError, no Chronicle assertion").doesNotContain("OutOfMemoryError")
                .doesNotContain("AssertionError");
    }

    private static void assertRefused(JournalProbe.Result r) {
        System.out.println(r.output());
        assertNoCrash(r);
        assertThat(r.line("OPEN1")).as("must refuse to start, not replay a prefix (%s); output:%n%s",
                r.line("LASTINDEX"), r.output()).startsWith("OPEN1 REFUSED");
    }

    /**
     * The last record is lost: the first start replays 1..N-1 (or, when {@code mayRefuse}, refuses);
     * after a drop, the commands appended then are all replayed, in sequence, by the next start.
     */
    private static void assertDropped(JournalProbe.Result r, boolean mayRefuse) {
        System.out.println(r.output());
        assertNoCrash(r);
        String open1 = r.line("OPEN1");
        if (mayRefuse && open1.startsWith("OPEN1 REFUSED")) {
            return;
        }
        assertThat(open1).as(r.output()).startsWith("OPEN1 REPLAYED");
        assertThat(sequences(open1)).as("records 1..N-1 kept; output:%n%s", r.output())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, RECORDS - 1).boxed().toList());
        String open2 = r.line("OPEN2");
        assertThat(open2).as("the next start; output:%n%s", r.output()).startsWith("OPEN2 REPLAYED");
        assertThat(sequences(open2)).as("no acknowledged command lost, no sequence twice; output:%n%s", r.output())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, RECORDS - 1 + APPEND).boxed().toList());
        List<String> entries = entries(open2);
        for (long s = RECORDS; s < RECORDS + APPEND; s++) {
            assertThat(entries).as("the command appended after the drop; output:%n%s", r.output()).contains(s + ":NEW" + s);
        }
    }

    private static List<String> entries(String line) {
        String list = line.substring(line.indexOf("REPLAYED") + "REPLAYED".length()).trim();
        return list.isEmpty() ? List.of() : Arrays.asList(list.split(","));
    }

    private static List<Long> sequences(String line) {
        return entries(line).stream().map(e -> Long.parseLong(e.substring(0, e.indexOf(':')))).toList();
    }
}
