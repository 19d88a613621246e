package io.paygate.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.paygate.codec.command.Command;
import io.paygate.gateway.support.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torn-tail recovery (reliability G7), seeded. A journal of N records is damaged, then reopened and
 * replayed the way the gateway recovers:
 *
 * <ul>
 *   <li>the LAST record's bytes get bit flips, a zeroed tail, or the file is cut inside them: recovery
 *       either keeps exactly records 1..N-1, logs the drop and keeps the damaged queue beside the
 *       journal as {@code <dir>.damaged-<time>} (and the next append takes sequence N and survives a
 *       reopen), or refuses with
 *       {@link JournalCorruptException}; it never invents, reorders or silently loses anything else;</li>
 *   <li>any MIDDLE record damaged the same way: recovery always refuses, naming the journal directory
 *       and the record's index, after handing out only the records before it.</li>
 * </ul>
 *
 * Damage stays inside the records' own bytes; Chronicle's 4-byte excerpt headers are damaged by
 * {@link ChronicleFramingDamageTest} (in a child JVM: some of those damages crash the JVM).
 * {@code -Dpaygate.seed=S}, {@code -Dpaygate.torntail.iterations=N} (default 200; G7 asks for 1,000).
 */
class TornTailTest {

    static final int ITERATIONS = Integer.getInteger("paygate.torntail.iterations", 200);
    static final int DAMAGE_BYTES_MAX = 4096;

    @TempDir
    Path tmp;

    enum Damage { FLIP, ZERO, TRUNCATE }

    @BeforeAll
    static void chronicle() {
        ChronicleSetup.init();
    }

    @Test
    void damagedLastRecordIsDroppedOrRefusedAndDamagedMiddleRecordAlwaysRefuses() throws IOException {
        Long fixed = Long.getLong("paygate.seed");
        long seed = fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
        System.out.println("TornTailTest seed=" + seed + " iterations=" + ITERATIONS
                + " (rerun: -Dpaygate.seed=" + seed + " -Dpaygate.torntail.iterations=" + ITERATIONS + ")");
        SplittableRandom rnd = new SplittableRandom(seed);
        TreeMap<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < ITERATIONS; i++) {
            String where = "seed=" + seed + " iteration " + i;
            String outcome = iteration(tmp.resolve("j" + i), rnd, where);
            outcomes.merge(outcome, 1, Integer::sum);
        }
        System.out.println("TornTailTest outcomes: " + outcomes);
        assertThat(outcomes.keySet()).as("both kinds of target were exercised")
                .anyMatch(k -> k.startsWith("last")).anyMatch(k -> k.startsWith("middle"));
    }

    private String iteration(Path dir, SplittableRandom rnd, String where) throws IOException {
        int n = 2 + rnd.nextInt(40);
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            j.append(ChronicleJournalTest.provision(1));
            for (long s = 2; s <= n; s++) {
                j.append(ChronicleJournalTest.order(s));
            }
        }
        List<JournalFiles.Excerpt> excerpts = JournalFiles.excerpts(dir);
        assertThat(excerpts).as(where).hasSize(n);
        boolean last = rnd.nextInt(10) < 7;
        int target = last ? n - 1 : rnd.nextInt(n - 1);
        Damage damage = last ? Damage.values()[rnd.nextInt(3)] : Damage.values()[rnd.nextInt(2)];
        JournalFiles.Excerpt x = excerpts.get(target);
        Path file = JournalFiles.cycleFile(dir);
        byte[] before = JournalFiles.read(file, x.dataPos(), x.length());
        String what = damage(file, x, damage, rnd);
        byte[] after = JournalFiles.read(file, x.dataPos(), x.length());
        boolean changed = !Arrays.equals(before, after);
        where += " n=" + n + " record " + (target + 1) + " (index " + Long.toHexString(x.index()) + ") " + what;

        List<Long> seen = new ArrayList<>();
        JournalCorruptException refused = null;
        try (LogCapture log = LogCapture.of("io.paygate.gateway.journal")) {
            try (ChronicleJournal j = new ChronicleJournal(dir)) {
                j.replay(c -> seen.add(c.sequence));
                if (last && changed) {
                    assertThat(seen).as(where + ": records 1..N-1 kept").containsExactlyElementsOf(range(n - 1));
                    assertThat(j.lastSequence()).as(where).isEqualTo(n - 1);
                    assertThat(log.messages(Level.ERROR)).as(where + ": the drop is logged")
                            .anyMatch(m -> m.contains("torn") && m.contains(Long.toHexString(x.index())));
                    assertThat(damagedCopies(dir)).as(where + ": the damaged queue is kept beside it").hasSize(1);
                    Command next = ChronicleJournalTest.order(n);
                    j.append(next); // the dropped record was never acknowledged: its sequence is given again
                }
            } catch (JournalCorruptException e) {
                refused = e;
            }
        }
        if (!changed) {
            assertThat(refused).as(where + ": nothing changed, nothing refused").isNull();
            assertThat(seen).as(where).containsExactlyElementsOf(range(n));
            return "unchanged";
        }
        if (!last) {
            assertThat(refused).as(where + ": a damaged middle record must refuse").isNotNull();
            assertThat(refused.getMessage()).as(where).contains(dir.toString())
                    .contains("index " + Long.toHexString(x.index()));
            // refused when opening (nothing handed out) or during replay (only records before it)
            assertThat(seen).as(where + ": only records before it").hasSizeLessThanOrEqualTo(target)
                    .containsExactlyElementsOf(range(seen.size()));
            assertThat(damagedCopies(dir)).as(where + ": nothing cut off").isEmpty();
            return "middle " + damage + " refused";
        }
        if (refused != null) {
            assertThat(refused.getMessage()).as(where).contains(dir.toString());
            return "last " + damage + " refused";
        }
        seen.clear();
        try (ChronicleJournal j = new ChronicleJournal(dir)) {
            j.replay(c -> seen.add(c.sequence));
            assertThat(j.lastSequence()).as(where).isEqualTo(n);
        }
        assertThat(seen).as(where + ": after the drop, the appended record follows on the next start")
                .containsExactlyElementsOf(range(n));
        return "last " + damage + " dropped";
    }

    private static String damage(Path file, JournalFiles.Excerpt x, Damage damage, SplittableRandom rnd) {
        int k = 1 + rnd.nextInt(Math.min(DAMAGE_BYTES_MAX, x.length()));
        long from = x.end() - k;
        switch (damage) {
            case FLIP -> {
                byte[] b = JournalFiles.read(file, from, k);
                int flips = 1 + rnd.nextInt(8);
                for (int f = 0; f < flips; f++) {
                    b[rnd.nextInt(k)] ^= (byte) (1 << rnd.nextInt(8));
                }
                JournalFiles.write(file, from, b);
                return flips + " bit flip(s) in the last " + k + " bytes";
            }
            case ZERO -> {
                JournalFiles.write(file, from, new byte[k]);
                return "last " + k + " bytes zeroed";
            }
            default -> {
                JournalFiles.truncate(file, from);
                return "file cut " + k + " bytes before the record's end";
            }
        }
    }

    /** The damaged queues recovery set aside ({@code <dir>.damaged-<time>}). */
    static List<Path> damagedCopies(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(dir.getFileName() + ".damaged-")).toList();
        }
    }

    private static List<Long> range(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }
}
