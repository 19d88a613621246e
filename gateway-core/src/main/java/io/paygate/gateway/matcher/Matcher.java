package io.paygate.gateway.matcher;

import io.paygate.codec.command.Command;
import java.util.Collections;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The deterministic state machine. {@link #apply(Command, MatchResult)} is the only way state
 * changes; each command is validated completely before the first mutation, and every outcome is a
 * {@link ResultCode}. The ledger's cheap invariants are checked on every transfer; the full ones
 * ({@link #checkInvariants()}) after every step in tests, at start-up and in {@code paygate verify}.
 *
 * <p>Not thread-safe by design: exactly one thread calls it.
 */
public final class Matcher {

    /** At most this many refunds per order (WeChat's rule). */
    public static final int REFUNDS_PER_ORDER_MAX = 50;

    private final State s;

    /** Applies one command and writes the outcome into {@code out}. */
    public void apply(Command cmd, MatchResult out) {
        out.reset();
        if (!cmd.type.isQuery()) {
            Invariants.check(cmd.sequence == s.lastSequence + 1, "journal sequence gap", s.lastSequence, cmd.sequence);
            s.lastSequence = cmd.sequence;
            // time only moves forward, whatever order the event loops stamped their commands in
            s.nowMillis = Math.max(s.nowMillis, cmd.acceptedAtMillis);
        }
        switch (cmd.type) {
            case PROVISION_MERCHANT -> Orders.provisionMerchant(s, cmd, out);
            case ADD_MERCHANT_KEY -> Orders.addMerchantKey(s, cmd, out);
            case CREATE_ORDER -> Orders.createOrder(s, cmd, out);
            case CLOSE_ORDER -> Orders.closeOrder(s, cmd, out);
            case QUERY_ORDER -> Orders.queryOrder(s, cmd, out);
            case CREATE_PAYER -> Payers.create(s, cmd, out);
            case SET_PAYER_STATUS -> Payers.setStatus(s, cmd, out);
            case QUERY_PAYER -> Payers.query(s, cmd, out);
            case ISSUE_AUTH_CODE -> Payers.issueAuthCode(s, cmd, out);
            case PAY_ORDER -> Payments.payOrder(s, cmd, out);
            case CODEPAY -> Payments.codepay(s, cmd, out);
            case CONFIRM_CODEPAY -> Payments.confirm(s, cmd, out);
            case REVERSE_ORDER -> Payments.reverse(s, cmd, out);
            case CREATE_REFUND -> Refunds.create(s, cmd, out);
            case QUERY_REFUND -> Refunds.query(s, cmd, out);
            case TICK -> Ticks.tick(s, cmd, out);
            case LEDGER_SUMMARY -> ledgerSummary(out);
            default -> throw new IllegalArgumentException("command type not handled: " + cmd.type);
        }
    }

    private void ledgerSummary(MatchResult out) {
        out.code = ResultCode.OK;
        out.accounts = s.ledger.accounts();
        out.balanceSum = s.ledger.sum();
        out.negativeAccounts = s.ledger.negativeAccounts();
        out.stateHash = stateHash();
    }

    /**
     * The full invariants, O(state): the ledger sums to zero, no payer, merchant, fee or transit
     * account is negative, and every order's refunds stay within what was paid.
     *
     * @throws Invariants.InvariantViolation on the first breach
     */
    public void checkInvariants() {
        Invariants.check(s.ledger.sum() == 0, "ledger does not sum to zero", s.ledger.sum(), 0);
        Invariants.check(s.ledger.negativeAccounts() == 0, "negative balances", s.ledger.negativeAccounts(), 0);
        long transit = 0;
        for (Refund r : s.refundsToSettle) {
            transit = Math.addExact(transit, r.refundFen);
        }
        Invariants.check(s.ledger.balance(Ledger.REFUND_TRANSIT_ACCOUNT) == transit,
                "refund transit differs from PROCESSING refunds", s.ledger.balance(Ledger.REFUND_TRANSIT_ACCOUNT), transit);
        for (Order o : s.ordersInOrder) {
            Invariants.check(o.refundedFen >= 0 && o.refundedFen <= o.payerTotalFen, "refunded more than paid",
                    o.refundedFen, o.payerTotalFen);
            Invariants.check(o.feeRefundedFen >= 0 && o.feeRefundedFen <= o.feeFen, "fee refunded beyond the fee",
                    o.feeRefundedFen, o.feeFen);
            Invariants.check(o.commissionRefundedFen >= 0 && o.commissionRefundedFen <= o.commissionFen
                    && o.commissionFen <= o.feeFen, "commission outside the fee", o.commissionRefundedFen, o.commissionFen);
            Invariants.check(o.refundCount <= REFUNDS_PER_ORDER_MAX, "too many refunds", o.refundCount,
                    REFUNDS_PER_ORDER_MAX);
        }
    }

    /** The last journal sequence applied. */
    public long lastSequence() {
        return s.lastSequence;
    }

    /** The earliest time a TICK has work to do; the ticker reads it (through the matcher stage). */
    public long nextDeadlineMillis() {
        return Ticks.nextDeadline(s);
    }

    /** Number of merchants. */
    public int merchantCount() {
        return s.merchantsInOrder.size();
    }

    /** Merchants in provisioning order (read-only). */
    public List<Merchant> merchants() {
        return Collections.unmodifiableList(s.merchantsInOrder);
    }

    /** Counts for tools and reports. */
    public long orderCount() {
        return s.ordersInOrder.size();
    }

    public long payerCount() {
        return s.payersInOrder.size();
    }

    public long refundCount() {
        return s.refundsInOrder.size();
    }

    public long accountCount() {
        return s.ledger.accounts();
    }

    public long balanceSum() {
        return s.ledger.sum();
    }

    public long negativeAccounts() {
        return s.ledger.negativeAccounts();
    }

    /**
     * SHA-256 of the canonical state encoding. Equal hashes mean equal state; replaying the same
     * journal, or restoring a snapshot, always gives the same hash.
     */
    public String stateHash() {
        MessageDigest sha = sha256();
        writeState(sha::update, 1 << 16); // streamed: no array of the whole state just to hash it
        return hex(sha.digest());
    }

    /** The whole state in its canonical encoding: what a snapshot holds. O(state). */
    public byte[] canonicalState() {
        return StateCodec.encode(s);
    }

    /** Receives the canonical state in chunks, in order; a chunk's bytes are valid only during the call. */
    @FunctionalInterface
    public interface StateSink {
        void write(byte[] bytes, int offset, int length);
    }

    /**
     * Hands {@link #canonicalState()}'s bytes to {@code sink} in chunks of about {@code chunkBytes},
     * without ever holding the whole encoding (a snapshot of a large state streams to its file). The
     * sink's writes are the caller's business: the matcher itself does no I/O.
     *
     * @return the encoding's length in bytes
     */
    public long writeState(StateSink sink, int chunkBytes) {
        CanonicalOutput out = new CanonicalOutput(sink, chunkBytes);
        StateCodec.encode(s, out);
        return out.finish();
    }

    /**
     * A matcher restored from {@link #canonicalState()} bytes.
     *
     * @throws IllegalArgumentException when the bytes are not a complete, consistent state
     */
    public static Matcher restore(byte[] canonicalState) {
        return new Matcher(StateCodec.decode(canonicalState));
    }

    public Matcher() {
        this(new State());
    }

    private Matcher(State state) {
        this.s = state;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
