package io.paygate.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;
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
    static Path tmp;

    /** Every case's damaged journal, probed by one child JVM (see {@link JournalProbe}). */
    private static Map<String, JournalProbe.Result> results;
    private static long cutSeed;

    @BeforeAll
    static void damageEveryJournalAndProbeThemInOneChild() throws Exception {
        ChronicleSetup.init();
        Long fixed = Long.getLong("paygate.seed");
        cutSeed = fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
        Map<String, Path> dirs = new LinkedHashMap<>();
        header(dirs, "zeroedMiddle", MIDDLE, h -> 0);
        header(dirs, "notCompleteMiddle", MIDDLE, h -> h | JournalFiles.NOT_COMPLETE);
        header(dirs, "metaDataMiddle", MIDDLE, h -> h | JournalFiles.META_DATA);
        header(dirs, "shorterMiddle", MIDDLE, h -> h - 8);
        header(dirs, "longerMiddle", MIDDLE, h -> h + 8);
        header(dirs, "hugeMiddle", MIDDLE, h -> (h & ~JournalFiles.LENGTH_MASK) | 0x3FFF_FFF0);
        header(dirs, "zeroedLast", RECORDS - 1, h -> 0);
        header(dirs, "notCompleteLast", RECORDS - 1, h -> h | JournalFiles.NOT_COMPLETE);
        header(dirs, "longerLast", RECORDS - 1, h -> h + 8);
        header(dirs, "hugeLast", RECORDS - 1, h -> (h & ~JournalFiles.LENGTH_MASK) | 0x3FFF_FFF0);
        Path cutAtLast = journal("cutAtLastHeader");
        JournalFiles.truncate(JournalFiles.cycleFile(cutAtLast), JournalFiles.excerpts(cutAtLast).get(RECORDS - 1).headerPos());
        dirs.put("cutAtLastHeader", cutAtLast);
        Path cutBeforeFirst = journal("cutBeforeFirst");
        JournalFiles.truncate(JournalFiles.cycleFile(cutBeforeFirst), JournalFiles.excerpts(cutBeforeFirst).get(0).headerPos());
        dirs.put("cutBeforeFirst", cutBeforeFirst);
        Path cutInHeader = journal("cutInHeaderArea");
        long firstHeader = JournalFiles.excerpts(cutInHeader).get(0).headerPos();
        long cut = new SplittableRandom(cutSeed).nextLong(firstHeader);
        System.out.println("ChronicleFramingDamageTest seed=" + cutSeed + " (-Dpaygate.seed=" + cutSeed + "): cut at "
                + cut + " of " + firstHeader + " header/index bytes");
        JournalFiles.truncate(JournalFiles.cycleFile(cutInHeader), cut);
        dirs.put("cutInHeaderArea", cutInHeader);

        Map<Path, JournalProbe.Result> byDir = JournalProbe.runAll(List.copyOf(dirs.values()), APPEND);
        results = new LinkedHashMap<>();
        dirs.forEach((name, dir) -> results.put(name, byDir.get(dir)));
        results.forEach((name, r) -> System.out.println("--- " + name + "\n" + r.output()));
    }

    // ---------------------------------------------------------------- a damaged middle header refuses

    @Test
    void zeroedMiddleHeaderRefuses() {
        assertRefused(results.get("zeroedMiddle"));
    }

    @Test
    void notCompleteBitOnAMiddleHeaderRefuses() {
        assertRefused(results.get("notCompleteMiddle"));
    }

    @Test
    void metaDataBitOnAMiddleHeaderRefuses() {
        assertRefused(results.get("metaDataMiddle"));
    }

    @Test
    void shorterLengthInAMiddleHeaderRefuses() {
        assertRefused(results.get("shorterMiddle"));
    }

    @Test
    void longerLengthInAMiddleHeaderRefuses() {
        assertRefused(results.get("longerMiddle"));
    }

    @Test
    void hugeLengthInAMiddleHeaderRefusesWithoutCrashing() {
        assertRefused(results.get("hugeMiddle"));
    }

    // ---------------------------------------------------------------- a lost last record is dropped

    @Test
    void zeroedLastHeaderDropsTheRecordAndLaterAppendsAreReplayed() {
        assertDropped(results.get("zeroedLast"), false);
    }

    @Test
    void fileCutExactlyAtTheLastHeaderDropsTheRecordAndLaterAppendsAreReplayed() {
        assertDropped(results.get("cutAtLastHeader"), false);
    }

    @Test
    void notCompleteBitOnTheLastHeaderIsDroppedOrRefused() {
        assertDropped(results.get("notCompleteLast"), true);
    }

    @Test
    void longerLengthInTheLastHeaderIsDroppedOrRefused() {
        assertDropped(results.get("longerLast"), true);
    }

    @Test
    void hugeLengthInTheLastHeaderIsDroppedOrRefusedWithoutCrashing() {
        assertDropped(results.get("hugeLast"), true);
    }

    // ---------------------------------------------------------------- a cut before the first record refuses

    @Test
    void fileCutRightBeforeTheFirstRecordRefuses() {
        assertRefused(results.get("cutBeforeFirst"));
    }

    @Test
    void fileCutInsideTheHeaderAndIndexAreaRefuses() {
        assertRefused(results.get("cutInHeaderArea"));
    }

    // ---------------------------------------------------------------- helpers

    /** A journal of {@value #RECORDS} records written the production way, in {@code tmp/name/commands}. */
    private static Path journal(String name) {
        Path dir = tmp.resolve(name).resolve("commands");
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            j.append(ChronicleJournalTest.provision(1));
            for (long s = 2; s <= RECORDS; s++) {
                j.append(ChronicleJournalTest.order(s));
            }
        }
        assertThat(JournalFiles.excerpts(dir)).hasSize(RECORDS);
        return dir;
    }

    private static void header(Map<String, Path> dirs, String name, int record, IntUnaryOperator edit) {
        Path dir = journal(name);
        JournalFiles.Excerpt x = JournalFiles.excerpts(dir).get(record);
        Path file = JournalFiles.cycleFile(dir);
        int header = JournalFiles.readHeader(file, x.headerPos());
        assertThat(header & JournalFiles.LENGTH_MASK).isEqualTo(x.length());
        int damaged = edit.applyAsInt(header);
        JournalFiles.writeHeader(file, x.headerPos(), damaged);
        System.out.printf("%s: record %d (index %x) header %08x -> %08x%n", name, record + 1, x.index(), header, damaged);
        dirs.put(name, dir);
    }

    private static void assertNoCrash(JournalProbe.Result r) {
        assertThat(r.done()).as("the probe JVM ended normally (exit %d); it printed:%n%s", r.exitCode(), r.output())
                .isTrue();
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).as("no OutOfMemoryError, no Chronicle assertion").doesNotContain("OutOfMemoryError")
                .doesNotContain("AssertionError");
    }

    private static void assertRefused(JournalProbe.Result r) {
        assertNoCrash(r);
        assertThat(r.line("OPEN1")).as("must refuse to start, not replay a prefix (%s); output:%n%s",
                r.line("LASTINDEX"), r.output()).startsWith("OPEN1 REFUSED");
    }

    /**
     * The last record is lost: the first start replays 1..N-1 (or, when {@code mayRefuse}, refuses);
     * after a drop, the commands appended then are all replayed, in sequence, by the next start.
     */
    private static void assertDropped(JournalProbe.Result r, boolean mayRefuse) {
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
