package io.paygate.gateway.journal;

import io.paygate.codec.command.Command;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Replay in two halves on two threads: a reader thread reads, checks and decodes the journal's
 * records into a small ring of reused {@link Command}s, while the calling thread hands them, in
 * journal order, to the sink (the matcher). Reading and decoding then overlap with applying instead
 * of adding to it. The sink sees exactly the records, in exactly the order, a single-threaded replay
 * would; a failure on either side stops both, and the reader's failure is thrown on the calling
 * thread once every record before it has been handed over (as a single-threaded replay would have).
 *
 * <p>Single producer, single consumer: each side publishes how far it got with an ordered store and
 * reads the other's position only when it runs out of room or of records, then spins briefly, yields
 * and finally parks for a few microseconds at a time (the machine may have fewer free cores than
 * threads; a replay has no latency to protect).
 */
final class ReplayPipe {

    /** Records decoded ahead of the sink; a power of two. */
    static final int SLOTS = 1024;
    private static final int SPINS = 64;
    private static final int YIELDS = 64;
    private static final long PARK_NANOS = 20_000;

    /** The reading half, used and closed on the reader thread only. */
    interface Source extends AutoCloseable {
        /** Fills {@code out} with the next record; false at the end. */
        boolean next(Command out);

        @Override
        void close();
    }

    private final Command[] slots = new Command[SLOTS];
    /** Records the reader has filled (slots [consumed, produced) hold them). */
    private final AtomicLong produced = new AtomicLong();
    /** Records the sink is done with (their slots may be refilled). */
    private final AtomicLong consumed = new AtomicLong();
    private volatile boolean finished;
    private volatile boolean cancelled;
    private volatile Throwable failure;

    private ReplayPipe() {
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new Command();
        }
    }

    /**
     * Runs {@code source} on a reader thread of its own and hands each record it produces to
     * {@code sink} on this thread, in order. Returns when the source is exhausted; rethrows what
     * either side threw.
     */
    static void run(String threadName, Source source, Consumer<Command> sink) {
        ReplayPipe pipe = new ReplayPipe();
        Thread reader = new Thread(() -> pipe.produce(source), threadName);
        reader.setDaemon(true);
        reader.start();
        boolean done = false;
        try {
            pipe.consume(sink);
            done = true;
        } finally {
            if (!done) {
                pipe.cancelled = true;
            }
            joinUninterruptibly(reader);
        }
        Throwable t = pipe.failure;
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    private void produce(Source source) {
        try (source) {
            long next = 0;
            long limit = SLOTS; // slots free up to (consumed + SLOTS)
            while (!cancelled) {
                if (next == limit) {
                    limit = awaitRoom(next);
                    if (limit < 0) {
                        return;
                    }
                }
                if (!source.next(slots[(int) next & (SLOTS - 1)])) {
                    break;
                }
                next++;
                produced.lazySet(next);
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            finished = true; // after produced and failure: a consumer that sees it sees them
        }
    }

    /** Waits until the sink frees a slot; returns the new limit, or -1 when cancelled. */
    private long awaitRoom(long next) {
        for (int i = 0; ; i++) {
            long limit = consumed.get() + SLOTS;
            if (limit > next) {
                return limit;
            }
            if (cancelled) {
                return -1;
            }
            pause(i);
        }
    }

    private void consume(Consumer<Command> sink) {
        long next = 0;
        long available = 0;
        while (true) {
            if (next == available) {
                available = awaitRecords(next);
                if (available == next) {
                    return; // the reader finished (or failed) after the last record it produced
                }
            }
            sink.accept(slots[(int) next & (SLOTS - 1)]);
            next++;
            consumed.lazySet(next);
        }
    }

    /** Waits until the reader produces past {@code next} or finishes; returns how far it produced. */
    private long awaitRecords(long next) {
        for (int i = 0; ; i++) {
            long available = produced.get();
            if (available > next) {
                return available;
            }
            if (finished) {
                return produced.get(); // finished is written after the last produced
            }
            pause(i);
        }
    }

    private static void pause(int round) {
        if (round < SPINS) {
            Thread.onSpinWait();
        } else if (round < SPINS + YIELDS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(PARK_NANOS);
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
