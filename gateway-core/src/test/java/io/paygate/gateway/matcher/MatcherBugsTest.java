package io.paygate.gateway.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.paygate.codec.command.Command;
import io.paygate.gateway.matcher.MatcherHarness.Mch;
import org.junit.jupiter.api.Test;

/**
 * Bugs found while writing the matcher tests. Each test states the correct behaviour and fails on
 * today's code; it is disabled so the build stays green until the bug is fixed (then delete the
 * {@code @Disabled}). Only inputs the acceptor really produces are used.
 */
class MatcherBugsTest {

    final MatcherHarness h = new MatcherHarness();
    final Commands c = h.cmds;

    /**
     * Ledger.transfer numbers transfers {@code (sequence << 8) | index} and refuses a 256th transfer in
     * one command (TRANSFERS_PER_COMMAND_MAX = 255). Refunds.settleAll settles every PROCESSING refund
     * inside the one TICK, one transfer each. So 256 refunds accepted between two ticks (the ticker
     * runs once a second, so 256 refunds/s is enough) make the TICK throw InvariantViolation: the
     * matcher halts (fail-stop), and since the TICK is already journaled, recovery replays it and
     * throws again, so the gateway cannot start any more.
     */
    @Test
    void aTickSettlesAnyNumberOfRefunds() {
        Mch a = h.merchant("1230000109");
        String payer = h.payer(1_000_000);
        // at most 50 refunds per order: 1-fen refunds over six orders, 256 in all, no tick in between
        for (int o = 1; h.probe.pendingRefunds() < 256; o++) {
            String outTradeNo = "order-000" + o;
            h.paidOrder(a, outTradeNo, 10_000, payer);
            for (int i = 0; i < Matcher.REFUNDS_PER_ORDER_MAX && h.probe.pendingRefunds() < 256; i++) {
                MatchResult r = h.apply(c.refund(a.mchid(), outTradeNo, outTradeNo + "-r" + i, 1, 10_000));
                assertThat(r.code).isEqualTo(ResultCode.OK);
            }
        }
        assertThat(h.probe.pendingRefunds()).isEqualTo(256);
        long payerBefore = h.probe.payerBalance(payer);
        assertThatCode(h::tick).doesNotThrowAnyException();
        assertThat(h.probe.pendingRefunds()).as("a tick settles a bounded batch").isEqualTo(256 - Refunds.SETTLEMENTS_PER_TICK_MAX);
        assertThat(h.matcher.nextDeadlineMillis()).as("the rest is due at once").isZero();
        while (h.probe.pendingRefunds() > 0) {
            assertThatCode(h::tick).doesNotThrowAnyException();
        }
        assertThat(h.probe.payerBalance(payer)).isEqualTo(payerBefore + 256);
        assertThat(h.probe.transit()).isZero();
    }

    /**
     * Every sandbox payer's opening balance comes from the funding account, which may go negative.
     * The decoder caps one balance at 10^12 fen but nothing caps their sum: after 9,223,373 payers of
     * 10^12 fen (a few minutes of sandbox requests) Math.subtractExact on the funding balance throws
     * ArithmeticException inside Payers.create, after the sequence and clock were already advanced:
     * the matcher halts, and the journaled CREATE_PAYER fails the same way on every replay. Creating
     * 9.2 million payers is too slow for a unit test, so the funding balance is set to what they would
     * have left (the only use of internals here); the last payer is an ordinary command.
     */
    @Test
    void sandboxFundingCannotOverflow() {
        long perPayer = 1_000_000_000_000L; // SandboxDecoder.BALANCE_FEN_MAX
        long payers = Long.MAX_VALUE / perPayer; // 9,223,372 payers fit
        String rich = h.payer(perPayer);
        // the funding balance after `payers` payers of 10^12 (the ledger still sums to zero: the other
        // side is one payer holding all of it)
        State s = h.probe.state();
        s.ledger.transfer(Ledger.FUNDING_ACCOUNT, s.payers.get(rich).account, (payers - 1) * perPayer,
                h.matcher.lastSequence());
        h.matcher.checkInvariants();
        Command oneMore = c.createPayer(perPayer).build();
        c.journal(oneMore);
        MatchResult out = new MatchResult();
        assertThatCode(() -> h.matcher.apply(oneMore, out)).doesNotThrowAnyException();
        assertThat(out.code).isEqualTo(ResultCode.FUNDING_EXHAUSTED);
        h.matcher.checkInvariants();
    }

    /**
     * Found by the crash-safety work: a merchant journaled without an appid (the admin port always
     * draws one, so only a hand-made journal has this) made every order naming an appid throw a
     * NullPointerException in the matcher, a poison pill. It is a plain APPID_MCHID_NOT_MATCH now.
     */
    @Test
    void aMerchantWithoutAnAppidRefusesOrdersInsteadOfThrowing() {
        Command p = c.provision("1230000110", null).build();
        assertThat(h.apply(p).code).isEqualTo(ResultCode.OK);
        assertThatCode(() -> {
            MatchResult r = h.apply(c.nativeOrder("1230000110", "wx0000000000000001", "no-appid-1", 100));
            assertThat(r.code).isEqualTo(ResultCode.APPID_MCHID_NOT_MATCH);
        }).doesNotThrowAnyException();
    }
}
