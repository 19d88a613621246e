package io.paygate.gateway.support;

import io.paygate.codec.command.Command;
import io.paygate.gateway.journal.Journal;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link Journal} wrapper for fault injection (reliability G25, G20): appends that fail, syncs that
 * fail (Chronicle swallows msync errors; this one does not), a command poisoned after it was written
 * (the matcher then sees a sequence gap: an invariant breach), and a gate that stalls appends until
 * released. Every switch is off until armed; the journal thread reads them.
 */
public final class FaultyJournal implements Journal {

    private final Journal delegate;
    private volatile Predicate<Command> failAppend = c -> false;
    private volatile boolean failSync;
    private volatile Predicate<Command> poison = c -> false;
    private volatile CountDownLatch stall;
    private final CountDownLatch stalled = new CountDownLatch(1);

    public FaultyJournal(Journal delegate) {
        this.delegate = delegate;
    }

    /** The next appends of matching commands throw, as a full disk or an I/O error would. */
    public FaultyJournal failAppendOf(Predicate<Command> which) {
        this.failAppend = which;
        return this;
    }

    /** Every sync from now on throws, as a failed msync would. */
    public FaultyJournal failSyncs() {
        this.failSync = true;
        return this;
    }

    /** A matching command is journaled intact, then its in-memory copy gets a sequence the matcher refuses. */
    public FaultyJournal poisonAfterWriting(Predicate<Command> which) {
        this.poison = which;
        return this;
    }

    /** Appends block (on the journal thread) until {@link #release()}; the ring fills up behind them. */
    public FaultyJournal stall() {
        this.stall = new CountDownLatch(1);
        return this;
    }

    /** Waits until an append is blocked by {@link #stall()}. */
    public boolean awaitStalled(long seconds) throws InterruptedException {
        return stalled.await(seconds, TimeUnit.SECONDS);
    }

    public void release() {
        CountDownLatch s = stall;
        if (s != null) {
            s.countDown();
        }
    }

    @Override
    public long lastSequence() {
        return delegate.lastSequence();
    }

    @Override
    public int append(Command cmd) {
        CountDownLatch s = stall;
        if (s != null) {
            stalled.countDown();
            try {
                s.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failAppend.test(cmd)) {
            throw new IllegalStateException("injected append failure (no space left on device)");
        }
        int n = delegate.append(cmd);
        if (poison.test(cmd)) {
            cmd.sequence += 1000;
        }
        return n;
    }

    @Override
    public void sync() {
        if (failSync) {
            throw new IllegalStateException("injected msync failure (EIO)");
        }
        delegate.sync();
    }

    @Override
    public long replay(long afterSequence, Consumer<Command> sink) {
        return delegate.replay(afterSequence, sink);
    }

    @Override
    public Follower follow(long afterSequence) {
        return delegate.follow(afterSequence);
    }

    @Override
    public void close() {
        release();
        delegate.close();
    }
}
