package io.paygate.gateway.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandCodec;
import io.paygate.codec.command.CommandType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replay tier (reliability G3): a seeded workload runs on matcher A while every journaled command is
 * recorded; a fresh matcher B fed the recording reaches the same state hash, at midpoints and at the
 * end, with the same result for every command. The recording also goes through the journal record
 * format ({@link CommandCodec}) and back, and one command altered by a fen must give another hash.
 *
 * <p>{@code -Dpaygate.replay.seeds=N} (default 20, G3 asks for 1,000), {@code -Dpaygate.replay.commands=N}
 * (default 3,000 per seed), {@code -Dpaygate.seed=S} fixes the base seed the per-run seeds come from.
 */
class ReplayDeterminismTest {

    static final int SEEDS = Integer.getInteger("paygate.replay.seeds", 20);
    static final int COMMANDS = Integer.getInteger("paygate.replay.commands", 3_000);
    static final int CHECKPOINTS = 4;

    static LongStream seeds() {
        Long fixed = Long.getLong("paygate.seed");
        long base = fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
        System.out.println("ReplayDeterminismTest base seed=" + base + " seeds=" + SEEDS + " commands=" + COMMANDS);
        SplittableRandom r = new SplittableRandom(base);
        return LongStream.concat(LongStream.of(base), LongStream.generate(r::nextLong).limit(SEEDS - 1L));
    }

    /** What the live run journaled and answered. */
    static final class Recording {
        final List<Command> journal = new ArrayList<>();
        final List<ResultCode> results = new ArrayList<>();
        /** Journal size -> state hash after that many commands. */
        final Map<Integer, String> hashes = new LinkedHashMap<>();
        String finalHash;
    }

    static Recording record(long seed) {
        Matcher live = new Matcher();
        Recording rec = new Recording();
        int every = Math.max(1, COMMANDS / (CHECKPOINTS + 1));
        new MatcherSimulation(seed, COMMANDS, MatcherSimulation.of(live), false).onApplied((cmd, out) -> {
            if (cmd.type.isQuery()) {
                return;
            }
            rec.journal.add(new Command().copyFrom(cmd));
            rec.results.add(out.code);
            if (rec.journal.size() % every == 0) {
                rec.hashes.put(rec.journal.size(), live.stateHash());
            }
        }).run();
        rec.finalHash = live.stateHash();
        return rec;
    }

    /** Replays the journal (each command passed through {@code transform}) and checks results and hashes. */
    static Matcher replay(long seed, Recording rec, UnaryOperator<Command> transform, boolean expectSame) {
        Matcher m = new Matcher();
        MatchResult out = new MatchResult();
        for (int i = 0; i < rec.journal.size(); i++) {
            Command cmd = transform.apply(rec.journal.get(i));
            m.apply(cmd, out);
            if (!expectSame) {
                continue;
            }
            assertThat(out.code).as("seed=%d journal #%d %s: replayed result", seed, i + 1, MatcherSimulation.describe(cmd))
                    .isEqualTo(rec.results.get(i));
            String hash = rec.hashes.get(i + 1);
            if (hash != null) {
                assertThat(m.stateHash()).as("seed=%d: state hash after %d journaled commands", seed, i + 1).isEqualTo(hash);
            }
        }
        m.checkInvariants();
        return m;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void replayRebuildsTheSameState(long seed) {
        Recording rec = record(seed);
        assertThat(rec.hashes).as("seed=%d: midpoints", seed).hasSizeGreaterThanOrEqualTo(CHECKPOINTS);

        Matcher plain = replay(seed, rec, UnaryOperator.identity(), true);
        assertThat(plain.stateHash()).as("seed=%d: final hash after a replay", seed).isEqualTo(rec.finalHash);

        CommandCodec codec = new CommandCodec();
        byte[] record = new byte[CommandCodec.RECORD_BYTES_MAX];
        Matcher decoded = replay(seed, rec, cmd -> {
            int length = codec.encode(cmd, record);
            Command back = new Command();
            codec.decode(record, 0, length, back);
            assertThat(Fields.differences(cmd, back)).as("seed=%d: %s survives the journal record", seed,
                    MatcherSimulation.describe(cmd)).isEmpty();
            return back;
        }, true);
        assertThat(decoded.stateHash()).as("seed=%d: final hash after a replay through CommandCodec", seed)
                .isEqualTo(rec.finalHash);

        int victim = victim(seed, rec);
        Command original = rec.journal.get(victim);
        Matcher altered = replay(seed, rec, cmd -> {
            if (cmd != original) {
                return cmd;
            }
            Command changed = new Command().copyFrom(cmd);
            changed.amountFen++;
            return changed;
        }, false);
        assertThat(altered.stateHash()).as("seed=%d: journal #%d %s with amount + 1", seed, victim + 1,
                MatcherSimulation.describe(original)).isNotEqualTo(rec.finalHash);
    }

    /** A journaled command that moved money or created something with an amount (result OK), chosen by the seed. */
    static int victim(long seed, Recording rec) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < rec.journal.size(); i++) {
            Command c = rec.journal.get(i);
            boolean amounted = c.type == CommandType.CREATE_PAYER || c.type == CommandType.CREATE_ORDER
                    || c.type == CommandType.CODEPAY || c.type == CommandType.CREATE_REFUND;
            if (amounted && c.amountFen > 0 && rec.results.get(i) == ResultCode.OK) {
                candidates.add(i);
            }
        }
        assertThat(candidates).as("seed=%d", seed).isNotEmpty();
        return candidates.get(new SplittableRandom(seed).nextInt(candidates.size()));
    }
}
