package io.paygate.gateway.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Simulation tier: a seeded random workload against the reference model ({@link MatcherSimulation}),
 * invariants after every step, and the canary that proves the simulation can fail.
 *
 * <p>{@code -Dpaygate.seed=N} fixes the seed (otherwise a fresh one, printed);
 * {@code -Dpaygate.sim.commands=N} sets the length (default 20,000);
 * {@code -Dpaygate.sim.runs=N} runs N seeds in a row (default 1; the first is paygate.seed when given).
 */
class MatcherSimulationTest {

    static final int COMMANDS = Integer.getInteger("paygate.sim.commands", 20_000);
    static final int RUNS = Integer.getInteger("paygate.sim.runs", 1);
    static final int CANARY_COMMANDS = Integer.getInteger("paygate.sim.canaryCommands", 4_000);

    /** Every code the matcher can decide through commands the acceptor produces. */
    static final Set<ResultCode> REACHABLE = EnumSet.complementOf(EnumSet.of(
            ResultCode.HALTED, // only the matcher stage answers it
            ResultCode.MERCHANT_NOT_ENOUGH, // unreachable: see MatcherRulesTest.Reverse#merchantNotEnough
            ResultCode.FUNDING_EXHAUSTED, // needs 9.2 million rich payers: see MatcherBugsTest
            ResultCode.NO_AUTH, ResultCode.NOTIFY_URL_MISSING, // no service providers: see ServiceProviderRulesTest
            ResultCode.KEY_EXISTS, ResultCode.KEY_LIMIT)); // nor added keys: see MerchantKeysRulesTest

    static long seed() {
        Long fixed = Long.getLong("paygate.seed");
        return fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
    }

    @Test
    void randomWorkloadAgreesWithTheReferenceModel() {
        long first = seed();
        for (int run = 0; run < RUNS; run++) {
            long seed = run == 0 ? first : ThreadLocalRandom.current().nextLong();
            System.out.println("MatcherSimulationTest seed=" + seed + " commands=" + COMMANDS);
            MatcherSimulation.Report report = new MatcherSimulation(seed, COMMANDS,
                    MatcherSimulation.of(new Matcher()), true).run();
            System.out.println(report);
            if (COMMANDS >= 10_000) {
                assertThat(report.codes().keySet())
                        .as("seed=%d: the workload reaches every result code", seed)
                        .containsAll(REACHABLE);
            }
            assertThat(report.orders()).as("seed=%d", seed).isGreaterThan(COMMANDS / 10);
            assertThat(report.payers()).as("seed=%d", seed).isGreaterThan(COMMANDS / 50);
            assertThat(report.codes().get(ResultCode.OK)).as("seed=%d: most commands succeed", seed)
                    .isGreaterThan(COMMANDS / 3);
        }
    }

    // ------------------------------------------------------------------ canary

    /** Ways to break the matcher from outside: the command is altered before the real matcher sees it. */
    enum Breakage {
        /** A refund takes one fen less than asked. */
        REFUND_ONE_FEN_LESS(CommandType.CREATE_REFUND, c -> {
            if (c.amountFen > 1) {
                c.amountFen--;
            }
        }),
        /** An order is created one fen dearer. */
        ORDER_ONE_FEN_MORE(CommandType.CREATE_ORDER, c -> c.amountFen++),
        /** A sandbox payer gets a fen more than asked. */
        PAYER_ONE_FEN_MORE(CommandType.CREATE_PAYER, c -> c.amountFen++),
        /** Code payments never ask for the password. */
        CODEPAY_WITHOUT_PASSWORD(CommandType.CODEPAY, c -> c.totalFen = Integer.MAX_VALUE),
        /** A tick's own stamp is lost, so time does not move with it. */
        TICK_AT_EPOCH(CommandType.TICK, c -> c.acceptedAtMillis = 0);

        final CommandType type;
        final Consumer<Command> alter;

        Breakage(CommandType type, Consumer<Command> alter) {
            this.type = type;
            this.alter = alter;
        }

        MatcherSimulation.Target wrap(Matcher real) {
            Command altered = new Command();
            return new MatcherSimulation.Target() {
                @Override
                public void apply(Command cmd, MatchResult out) {
                    if (cmd.type != type) {
                        real.apply(cmd, out);
                        return;
                    }
                    altered.copyFrom(cmd);
                    alter.accept(altered);
                    real.apply(altered, out);
                }

                @Override
                public Matcher matcher() {
                    return real;
                }
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Breakage.class)
    void canaryABrokenMatcherIsCaught(Breakage breakage) {
        long seed = seed();
        System.out.println("canary " + breakage + " seed=" + seed);
        // the same seed passes against the real matcher...
        new MatcherSimulation(seed, CANARY_COMMANDS, MatcherSimulation.of(new Matcher()), true).run();
        // ...and fails, naming the seed, against the broken one
        assertThatThrownBy(() -> new MatcherSimulation(seed, CANARY_COMMANDS, breakage.wrap(new Matcher()), true).run())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("seed=" + seed + " ")
                .satisfies(e -> System.out.println("canary " + breakage + " caught: " + e.getMessage()));
    }
}
