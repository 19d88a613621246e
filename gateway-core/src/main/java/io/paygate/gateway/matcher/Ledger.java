package io.paygate.gateway.matcher;

import java.util.Arrays;

/**
 * The double-entry ledger: accounts are dense ints, balances are {@code long} fen, and the only way a
 * balance changes is {@link #transfer}, which debits one account and credits another by the same
 * amount, so the sum of all balances is zero by construction (and checked). Only the sandbox funding
 * source may go below zero: it is where sandbox money comes from.
 *
 * <p>Transfers are not kept in memory (the journal is their log); each one has a deterministic id
 * {@code (sequence << 8) | index} and is folded into a running digest that the state hash covers.
 */
final class Ledger {

    /** Account kinds. */
    static final byte FUNDING = 0;
    static final byte FEE_INCOME = 1;
    static final byte REFUND_TRANSIT = 2;
    static final byte MERCHANT = 3;
    static final byte PAYER = 4;

    /** Fixed accounts, opened first in every ledger. */
    static final int FUNDING_ACCOUNT = 0;
    static final int FEE_INCOME_ACCOUNT = 1;
    static final int REFUND_TRANSIT_ACCOUNT = 2;

    /** Most transfers one command may make (the low byte of a transfer id). */
    static final int TRANSFERS_PER_COMMAND_MAX = 255;

    private long[] balances = new long[1024];
    private byte[] kinds = new byte[1024];
    private int count;
    private long transfers;
    private long digest = 0x9E3779B97F4A7C15L;
    private long lastSequence;
    private int indexInCommand;

    Ledger() {
        Invariants.check(open(FUNDING) == FUNDING_ACCOUNT, "funding account id");
        Invariants.check(open(FEE_INCOME) == FEE_INCOME_ACCOUNT, "fee income account id");
        Invariants.check(open(REFUND_TRANSIT) == REFUND_TRANSIT_ACCOUNT, "refund transit account id");
    }

    /** Opens an account of {@code kind} with a zero balance. */
    int open(byte kind) {
        if (count == balances.length) {
            balances = Arrays.copyOf(balances, count * 2);
            kinds = Arrays.copyOf(kinds, count * 2);
        }
        kinds[count] = kind;
        return count++;
    }

    long balance(int account) {
        return balances[account];
    }

    /** Whether {@code account} can pay {@code amountFen} without going below zero. */
    boolean covers(int account, long amountFen) {
        return kinds[account] == FUNDING || balances[account] >= amountFen;
    }

    /**
     * Moves {@code amountFen} from {@code debitAccount} to {@code creditAccount}. Callers validate
     * first; a transfer that would break a rule here is a bug and throws (fail-stop).
     */
    void transfer(int debitAccount, int creditAccount, long amountFen, long sequence) {
        Invariants.check(amountFen > 0, "transfer amount must be positive", amountFen, sequence);
        Invariants.check(debitAccount != creditAccount, "transfer to the same account", debitAccount, creditAccount);
        Invariants.check(covers(debitAccount, amountFen), "transfer would overdraw account", debitAccount, amountFen);
        if (sequence != lastSequence) {
            lastSequence = sequence;
            indexInCommand = 0;
        }
        Invariants.check(indexInCommand < TRANSFERS_PER_COMMAND_MAX, "too many transfers in one command", sequence,
                indexInCommand);
        long id = (sequence << 8) | indexInCommand++;
        balances[debitAccount] = Math.subtractExact(balances[debitAccount], amountFen);
        balances[creditAccount] = Math.addExact(balances[creditAccount], amountFen);
        transfers++;
        digest = mix(mix(mix(mix(digest, id), debitAccount), creditAccount), amountFen);
    }

    int accounts() {
        return count;
    }

    long transfers() {
        return transfers;
    }

    long digest() {
        return digest;
    }

    /** Sum of all balances (0 unless something is badly wrong). O(accounts). */
    long sum() {
        long s = 0;
        for (int i = 0; i < count; i++) {
            s = Math.addExact(s, balances[i]);
        }
        return s;
    }

    /** Accounts that must not be negative and are. O(accounts). */
    long negativeAccounts() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            if (kinds[i] != FUNDING && balances[i] < 0) {
                n++;
            }
        }
        return n;
    }

    void writeTo(CanonicalOutput out) {
        out.writeInt(count);
        out.writeLong(transfers);
        out.writeLong(digest);
        out.writeLong(lastSequence);
        out.writeInt(indexInCommand);
        for (int i = 0; i < count; i++) {
            out.writeByte(kinds[i]);
            out.writeLong(balances[i]);
        }
    }

    /** A ledger read back from {@link #writeTo}. */
    static Ledger readFrom(CanonicalInput in) {
        Ledger l = new Ledger();
        int n = in.readCount();
        l.balances = new long[Math.max(1024, Integer.highestOneBit(Math.max(1, n)) * 2)];
        l.kinds = new byte[l.balances.length];
        l.count = n;
        l.transfers = in.readLong();
        l.digest = in.readLong();
        l.lastSequence = in.readLong();
        l.indexInCommand = in.readInt();
        for (int i = 0; i < n; i++) {
            l.kinds[i] = in.readByte();
            l.balances[i] = in.readLong();
        }
        Invariants.check(n >= 3 && l.kinds[FUNDING_ACCOUNT] == FUNDING && l.kinds[FEE_INCOME_ACCOUNT] == FEE_INCOME
                && l.kinds[REFUND_TRANSIT_ACCOUNT] == REFUND_TRANSIT, "snapshot ledger lacks its fixed accounts");
        return l;
    }

    private static long mix(long h, long v) {
        h ^= v;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        return h;
    }
}
