package io.paygate.gateway.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandCodec;
import io.paygate.codec.command.CommandType;
import io.paygate.codec.command.TradeType;
import io.paygate.gateway.matcher.MatcherHarness.Mch;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * No poison pills (reliability G6). Two halves:
 *
 * <ol>
 *   <li>{@link #acceptorProducibleCommandsNeverThrow()}: edge-biased random commands of every type,
 *       every one inside what the decoders and the acceptor can produce ({@link FuzzWorkload}), go
 *       straight into the matcher with valid sequences. Nothing may throw: any exception is a bug
 *       and fails the test with the seed and the command. Each command is also encoded as a journal
 *       record, decoded and applied to a second matcher in lockstep: the same result every time and
 *       the same state hash at the end (replaying the fuzz journal reproduces the state). Invariants
 *       are checked every {@value #INVARIANTS_EVERY} commands and at the end.
 *   <li>{@link #inputsTheAcceptorNeverProduces()}: a census of values the decoders refuse (negative
 *       or zero amounts, Long.MIN/MAX, fee rates outside 0..100%, nulls where a field is required,
 *       absurd clocks). These are not bugs if they throw; the test records what each one does and
 *       prints the table (surefire-reports/...MatcherFuzzTest-output.txt).
 * </ol>
 *
 * <p>{@code -Dpaygate.fuzz.commands=N} (default 50,000; G6 asks for 10^6), {@code -Dpaygate.seed=S}.
 */
class MatcherFuzzTest {

    static final int COMMANDS = Integer.getInteger("paygate.fuzz.commands", 50_000);
    static final int INVARIANTS_EVERY = 1_000;

    @Test
    void acceptorProducibleCommandsNeverThrow() {
        Long fixed = Long.getLong("paygate.seed");
        long seed = fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
        System.out.println("MatcherFuzzTest seed=" + seed + " commands=" + COMMANDS);
        FuzzWorkload fuzz = new FuzzWorkload(seed);
        Matcher live = new Matcher();
        Matcher replayed = new Matcher();
        MatcherProbe probe = new MatcherProbe(live);
        CommandCodec codec = new CommandCodec();
        byte[] record = new byte[CommandCodec.RECORD_BYTES_MAX];
        Command decoded = new Command();
        MatchResult out = new MatchResult();
        MatchResult again = new MatchResult();
        Map<CommandType, Map<ResultCode, Integer>> seen = new EnumMap<>(CommandType.class);
        long sequence = 0;
        for (int step = 1; step <= COMMANDS; step++) {
            Command cmd = fuzz.next(probe.pendingRefunds());
            if (!cmd.type.isQuery()) {
                cmd.sequence = ++sequence;
            }
            String where = "seed=" + seed + " (rerun: -Dpaygate.seed=" + seed + " -Dpaygate.fuzz.commands=" + COMMANDS
                    + ") step " + step + " " + MatcherSimulation.describe(cmd);
            try {
                live.apply(cmd, out);
            } catch (RuntimeException e) {
                throw new AssertionError(where + ": the matcher threw " + e, e);
            }
            assertThat(out.code).as(where).isNotNull();
            seen.computeIfAbsent(cmd.type, t -> new EnumMap<>(ResultCode.class)).merge(out.code, 1, Integer::sum);
            fuzz.learn(cmd, out);

            if (cmd.type.isQuery()) {
                decoded.copyFrom(cmd);
            } else {
                codec.decode(record, 0, codec.encode(cmd, record), decoded);
            }
            try {
                replayed.apply(decoded, again);
            } catch (RuntimeException e) {
                throw new AssertionError(where + ": the replayed matcher threw " + e, e);
            }
            assertThat(again.code).as(where + ": replayed result").isEqualTo(out.code);

            if (step % INVARIANTS_EVERY == 0) {
                try {
                    live.checkInvariants();
                } catch (Invariants.InvariantViolation v) {
                    throw new AssertionError(where + ": invariant broken after it: " + v.getMessage(), v);
                }
            }
        }
        live.checkInvariants();
        replayed.checkInvariants();
        assertThat(live.balanceSum()).as("seed=%d ledger sum", seed).isZero();
        assertThat(live.negativeAccounts()).as("seed=%d negative accounts", seed).isZero();
        assertThat(replayed.stateHash()).as("seed=%d: the replayed journal gives the same state", seed)
                .isEqualTo(live.stateHash());
        System.out.println("orders=" + live.orderCount() + " payers=" + live.payerCount() + " refunds="
                + live.refundCount() + " merchants=" + live.merchantCount());
        seen.forEach((type, codes) -> System.out.println("  " + type + " " + codes));
        assertThat(seen.keySet()).as("seed=%d: every command type was fuzzed", seed)
                .containsExactlyInAnyOrder(CommandType.values());
        assertThat(seen.get(CommandType.PAY_ORDER)).as("seed=%d: payments happen", seed).containsKey(ResultCode.OK);
        assertThat(seen.get(CommandType.CREATE_REFUND)).as("seed=%d: refunds happen", seed).containsKey(ResultCode.OK);
    }

    // ------------------------------------------------------------------ the census of impossible inputs

    /** A prepared matcher: merchant, rich payer, an unpaid, a paid and a USERPAYING order, a live pay code. */
    static final class Scene {
        final MatcherHarness h = new MatcherHarness();
        final Commands c = h.cmds;
        final Mch m = h.merchant("1230000109");
        final String payer = h.payer(1_000_000_000_000L);
        final String notpayToken = h.nativeOrder(m, "notpay-01", 1_000);
        final Order paid = h.paidOrder(m, "paid-0001", 10_000, payer);
        final String code = h.authCode(payer);
        final String waitingCode = h.authCode(payer);

        Scene() {
            MatchResult r = h.apply(c.codepay(m.mchid(), m.appid(), "waiting-1", 200_000, waitingCode));
            MatcherHarness.require(r, ResultCode.OK);
        }

        /** A second merchant provisioned with {@code fee} ppm, with a fresh Native order; returns its token. */
        String orderAtFee(long fee) {
            h.apply(c.provision("1230000110", "wx0000001230000110").feeRatePpm(fee));
            return h.nativeOrder(new Mch("1230000110", "wx0000001230000110"), "fee-00001", 10_000);
        }
    }

    record Probe(String name, Function<Scene, List<Command>> script) {
    }

    static List<Command> cmds(Commands.Cmd... cs) {
        List<Command> l = new ArrayList<>();
        for (Commands.Cmd c : cs) {
            l.add(c.build());
        }
        return l;
    }

    static List<Probe> probes() {
        List<Probe> p = new ArrayList<>();
        // provisioning: the admin always uses 6000 ppm and always draws an appid
        p.add(new Probe("PROVISION fee -1 ppm, then pay", s -> cmds(s.c.pay(s.payer, s.orderAtFee(-1)))));
        p.add(new Probe("PROVISION fee -1000000 ppm, then pay", s -> cmds(s.c.pay(s.payer, s.orderAtFee(-1_000_000)))));
        p.add(new Probe("PROVISION fee 1500000 ppm (150%), then pay", s -> cmds(s.c.pay(s.payer, s.orderAtFee(1_500_000)))));
        p.add(new Probe("PROVISION fee Long.MAX ppm, then pay", s -> cmds(s.c.pay(s.payer, s.orderAtFee(Long.MAX_VALUE)))));
        p.add(new Probe("PROVISION appid null, then CREATE_ORDER with an appid", s -> cmds(
                s.c.provision("1230000111", null),
                s.c.nativeOrder("1230000111", "wx0000000000000001", "nullapp-1", 5))));
        // orders: the decoder wants 1..2^31-1 fen, an openid for JSAPI, a trade type, an out_trade_no
        for (long amount : new long[] {0, -1, Long.MIN_VALUE}) {
            p.add(new Probe("CREATE_ORDER amount " + amount + ", then pay", s -> cmds(
                    s.c.nativeOrder(s.m.mchid(), s.m.appid(), "amt-00001", amount).token("AMOUNT0000000001"),
                    s.c.pay(s.payer, "AMOUNT0000000001"))));
        }
        p.add(new Probe("CREATE_ORDER amount Long.MAX, then pay", s -> cmds(
                s.c.nativeOrder(s.m.mchid(), s.m.appid(), "amt-00001", Long.MAX_VALUE).token("AMOUNT0000000001"),
                s.c.pay(s.payer, "AMOUNT0000000001"))));
        p.add(new Probe("CREATE_ORDER amount 2^40 (above 2^31-1), paid by a 10^12 payer", s -> cmds(
                s.c.nativeOrder(s.m.mchid(), s.m.appid(), "amt-00001", 1L << 40).token("AMOUNT0000000001"),
                s.c.pay(s.payer, "AMOUNT0000000001"))));
        p.add(new Probe("CREATE_ORDER JSAPI without openid, then pay", s -> cmds(
                s.c.order(TradeType.JSAPI, s.m.mchid(), s.m.appid(), "jsapi-0001", 5).token("JSAPI00000000001"),
                s.c.pay(s.payer, "JSAPI00000000001"))));
        p.add(new Probe("CREATE_ORDER trade_type null, then pay, close, refund", s -> cmds(
                s.c.nativeOrder(s.m.mchid(), s.m.appid(), "type-00001", 5).tradeType(null).token("TYPE000000000001"),
                s.c.pay(s.payer, "TYPE000000000001"),
                s.c.close(s.m.mchid(), "type-00001"),
                s.c.refund(s.m.mchid(), "type-00001", "type-r1", 5, 5))));
        p.add(new Probe("CREATE_ORDER out_trade_no null, then query it", s -> cmds(
                s.c.nativeOrder(s.m.mchid(), s.m.appid(), null, 5),
                s.c.queryOrder(s.m.mchid(), null))));
        p.add(new Probe("CREATE_ORDER deadline 0 (never lapses), tick a year later", s -> cmds(
                s.c.nativeOrder(s.m.mchid(), s.m.appid(), "nodl-00001", 5).deadline(0),
                s.c.tick().at(Commands.START_MILLIS + 365L * 86_400_000L),
                s.c.queryOrder(s.m.mchid(), "nodl-00001"))));
        // payers: the decoder wants 0..10^12 fen
        p.add(new Probe("CREATE_PAYER balance -1", s -> cmds(s.c.createPayer(-1))));
        p.add(new Probe("CREATE_PAYER balance Long.MAX", s -> cmds(s.c.createPayer(Long.MAX_VALUE))));
        p.add(new Probe("CREATE_PAYER balance Long.MAX twice", s -> cmds(s.c.createPayer(Long.MAX_VALUE),
                s.c.createPayer(Long.MAX_VALUE))));
        p.add(new Probe("CREATE_PAYER openid null", s -> cmds(s.c.createPayer(5).openid(null))));
        p.add(new Probe("ISSUE_AUTH_CODE deadline 0, then codepay", s -> {
            Command issue = s.c.issueAuthCode(s.payer).deadline(0).build();
            return List.of(issue, s.c.codepay(s.m.mchid(), s.m.appid(), "dl0-00001", 5, issue.token).build());
        }));
        // codepay: amounts 1..2^31-1, limit 0..2^31-1, a positive timeout
        for (long amount : new long[] {0, -5, Long.MIN_VALUE}) {
            p.add(new Probe("CODEPAY amount " + amount, s -> cmds(
                    s.c.codepay(s.m.mchid(), s.m.appid(), "cp-000001", amount, s.code))));
        }
        p.add(new Probe("CODEPAY amount Long.MAX, then confirm", s -> cmds(
                s.c.codepay(s.m.mchid(), s.m.appid(), "cp-000001", Long.MAX_VALUE, s.code),
                s.c.confirm(s.payer, s.m.mchid(), "cp-000001"))));
        p.add(new Probe("CODEPAY limit -1 (every amount needs a password)", s -> cmds(
                s.c.codepay(s.m.mchid(), s.m.appid(), "cp-000001", 1, s.code).total(-1))));
        p.add(new Probe("CODEPAY limit Long.MAX, amount 2^50 (above the payer's 10^12)", s -> cmds(
                s.c.codepay(s.m.mchid(), s.m.appid(), "cp-000001", 1L << 50, s.code).total(Long.MAX_VALUE))));
        p.add(new Probe("CODEPAY revoke deadline 0, USERPAYING, then confirm and a tick a day later", s -> cmds(
                s.c.codepay(s.m.mchid(), s.m.appid(), "cp-000001", 200_000, s.code).deadline(0),
                s.c.confirm(s.payer, s.m.mchid(), "cp-000001"),
                s.c.tick().at(Commands.START_MILLIS + 86_400_000L),
                s.c.queryOrder(s.m.mchid(), "cp-000001"))));
        p.add(new Probe("CODEPAY appid null, then reverse with an appid", s -> cmds(
                s.c.codepay(s.m.mchid(), null, "cp-000001", 5, s.code),
                s.c.reverse(s.m.mchid(), s.m.appid(), "cp-000001"))));
        // refunds: 1 <= refund <= total <= 2^31-1, an out_refund_no, exactly one order reference
        for (long amount : new long[] {0, -1, Long.MIN_VALUE}) {
            p.add(new Probe("CREATE_REFUND amount " + amount, s -> cmds(
                    s.c.refund(s.m.mchid(), "paid-0001", "rf-1", amount, 10_000))));
        }
        p.add(new Probe("CREATE_REFUND amount Long.MAX", s -> cmds(
                s.c.refund(s.m.mchid(), "paid-0001", "rf-1", Long.MAX_VALUE, 10_000))));
        p.add(new Probe("CREATE_REFUND total -10000", s -> cmds(
                s.c.refund(s.m.mchid(), "paid-0001", "rf-1", 5, -10_000))));
        p.add(new Probe("CREATE_REFUND out_refund_no null, twice", s -> cmds(
                s.c.refund(s.m.mchid(), "paid-0001", null, 5, 10_000),
                s.c.refund(s.m.mchid(), "paid-0001", null, 6, 10_000))));
        p.add(new Probe("CREATE_REFUND naming both transaction_id and out_trade_no", s -> cmds(
                s.c.refund(s.m.mchid(), "notpay-01", "rf-1", 5, 10_000).transactionId(s.paid.transactionId))));
        // clocks: the acceptor stamps the wall clock
        for (long at : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            p.add(new Probe("PAY_ORDER stamped " + at + " (transaction_id from that date)", s -> cmds(
                    s.c.pay(s.payer, s.notpayToken).at(at))));
            p.add(new Probe("TICK stamped " + at + ", then pay a fresh order", s -> cmds(
                    s.c.tick().at(at),
                    s.c.nativeOrder(s.m.mchid(), s.m.appid(), "clock-001", 5).token("CLOCK00000000001"),
                    s.c.pay(s.payer, "CLOCK00000000001"))));
        }
        // the journal stage
        p.add(new Probe("sequence gap (the intended invariant)", s -> {
            Command gap = s.c.tick().build();
            gap.sequence = 10_000;
            return List.of(gap);
        }));
        p.add(new Probe("command type null", s -> {
            Command none = new Command();
            none.sequence = -1;
            return List.of(none);
        }));
        return p;
    }

    @Test
    void inputsTheAcceptorNeverProduces() {
        List<String> table = new ArrayList<>();
        int threw = 0;
        for (Probe probe : probes()) {
            Scene s = new Scene();
            String outcome;
            String after = "";
            try {
                List<Command> script = probe.script().apply(s);
                List<String> codes = new ArrayList<>();
                for (Command cmd : script) {
                    if (cmd.type != null && cmd.sequence == 0) {
                        s.c.journal(cmd);
                    } else if (cmd.type == null) {
                        cmd.sequence = s.h.matcher.lastSequence() + 1;
                    }
                    MatchResult out = new MatchResult();
                    s.h.matcher.apply(cmd, out);
                    assertThat(out.code).as(probe.name()).isNotNull();
                    codes.add(out.code + (out.hasOrder ? "(" + out.order.state + (out.order.transactionId != null
                            && !out.order.transactionId.matches("\\d{28}") ? ", transaction_id " + out.order.transactionId
                            : "") + ")" : ""));
                }
                outcome = String.join(" -> ", codes);
                try {
                    s.h.matcher.checkInvariants();
                    after = "invariants hold";
                } catch (Invariants.InvariantViolation v) {
                    after = "INVARIANTS BROKEN SILENTLY: " + v.getMessage();
                }
            } catch (RuntimeException e) {
                threw++;
                outcome = "THROWS " + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            table.add(String.format("%-72s | %s%s", probe.name(), outcome, after.isEmpty() ? "" : " | " + after));
        }
        System.out.println("Inputs the acceptor never produces (" + table.size() + " probes, " + threw + " throw):");
        table.forEach(System.out::println);
        assertThat(table).hasSize(probes().size());
    }
}
