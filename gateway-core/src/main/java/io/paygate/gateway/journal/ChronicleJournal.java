package io.paygate.gateway.journal;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandCodec;
import io.paygate.codec.command.CorruptRecordException;
import java.nio.file.Path;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * {@link Journal} on a memory-mapped Chronicle Queue. An appended record survives a process crash
 * as soon as {@link #append} returns (the page cache holds it); {@link #sync()} adds an msync for
 * power loss.
 *
 * <p>Opening checks every record (CRC, sequence) and finds the journal's true end
 * ({@link QueueRecovery#scan}): a torn record at the very end, never acknowledged, is cut off by
 * rewriting the journal without it, so later appends land where replay reads them; damage anywhere
 * else refuses to open, naming the directory and index. {@link #readOnly} opens without repairing
 * ({@code paygate verify}): a torn tail is reported and left for the gateway's next start to cut.
 */
public final class ChronicleJournal implements Journal {

    private final Path dir;
    private SingleChronicleQueue queue;
    private final CommandCodec writeCodec = new CommandCodec();
    /** Replay reads and decodes on a thread of its own while the caller applies (see {@link #replay}). */
    private static final boolean PIPELINED = Runtime.getRuntime().availableProcessors() > 1;

    /** Checks records at open; replay decodes with a codec of its own (see {@link #replay}). */
    private final CommandCodec checkCodec = new CommandCodec();
    private final byte[] record = new byte[CommandCodec.RECORD_BYTES_MAX];
    private ExcerptAppender appender;
    private long lastSequence;
    /** The index of the last good record (-1: none); replay reads no further. */
    private long lastGoodIndex;
    /** The torn tail left in place by a read-only open, or null. */
    private final QueueRecovery.End tornTail;

    /** Opens (or creates) the journal in {@code dir}, cutting off a torn record at its end. */
    public ChronicleJournal(Path dir) {
        this(dir, true);
    }

    /** Opens the journal in {@code dir} without changing it: a torn tail is only reported. */
    public static ChronicleJournal readOnly(Path dir) {
        return new ChronicleJournal(dir, false);
    }

    private ChronicleJournal(Path dir, boolean repair) {
        this.dir = dir;
        this.queue = QueueRecovery.open(dir);
        try {
            long[] expected = {1};
            QueueRecovery.End end = QueueRecovery.scan(queue, dir, new byte[CommandCodec.RECORD_BYTES_MAX], (index, buf, n) -> {
                checkSequence(check(buf, n), expected[0], index);
                expected[0]++;
            });
            lastSequence = expected[0] - 1;
            lastGoodIndex = end.lastGood();
            if (end.torn() && repair) {
                queue = QueueRecovery.rewrite(queue, dir, end.lastGood());
                tornTail = null;
            } else {
                tornTail = end.torn() ? end : null;
            }
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    /** A read-only open's torn tail ("index N" or "an unfinished header"), or null when there is none. */
    public String tornTail() {
        if (tornTail == null) {
            return null;
        }
        return tornTail.tornIndex() >= 0 ? "index " + Long.toHexString(tornTail.tornIndex())
                : "an unfinished header after index " + Long.toHexString(tornTail.lastGood());
    }

    @Override
    public long lastSequence() {
        return lastSequence;
    }

    @Override
    public int append(Command cmd) {
        if (cmd.sequence != lastSequence + 1) {
            throw new IllegalStateException("append out of sequence: " + cmd.sequence + " after " + lastSequence);
        }
        int length = writeCodec.encode(cmd, record);
        if (appender == null) {
            appender = queue.createAppender();
        }
        // straight from the encoded array into the mapped file (one copy, a plain memory copy)
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(record, 0, length);
        }
        lastSequence = cmd.sequence;
        lastGoodIndex = appender.lastIndexAppended();
        return length;
    }

    @Override
    public void sync() {
        if (appender != null) {
            appender.sync();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>With more than one processor, the records are read, checked and decoded on a reader thread
     * while this thread applies them ({@link ReplayPipe}); the sink still runs on this thread, in
     * journal order. Text that repeats across records is decoded to one shared string per value
     * ({@link CommandCodec#sharingText()}): the merchant ids, appids, notify URLs and descriptions
     * the matcher keeps in every order are one string each rather than one per order, which keeps the
     * rebuilt state smaller and the replay's garbage collections shorter.
     */
    @Override
    public long replay(long afterSequence, Consumer<Command> sink) {
        Reader reader = new Reader(afterSequence, false);
        long[] count = {0};
        Consumer<Command> counted = cmd -> {
            sink.accept(cmd);
            count[0]++;
        };
        if (PIPELINED) {
            ReplayPipe.run("paygate-replay-read", reader, counted);
        } else {
            try (reader) {
                Command cmd = new Command();
                while (reader.next(cmd)) {
                    counted.accept(cmd);
                }
            }
        }
        long last = reader.lastRead(); // the reader thread has ended: its writes are visible
        if (last != lastSequence) {
            throw new JournalCorruptException("journal " + dir + ": replay ended at sequence " + last
                    + " but the journal was opened at sequence " + lastSequence);
        }
        if (lastSequence < afterSequence) {
            throw new JournalCorruptException("journal " + dir + " ends at sequence " + lastSequence
                    + " but the snapshot covers up to " + afterSequence);
        }
        return count[0];
    }

    @Override
    public Follower follow(long afterSequence) {
        return new Reader(afterSequence, true);
    }

    /**
     * Reads, checks and decodes the records after a sequence, in order: replay's first half (it
     * stops at the last good record found at open), or a follower (it reads on as records are
     * appended). Records up to the sequence are only checked, as at open, not built.
     */
    private final class Reader implements ReplayPipe.Source, Follower {
        private final long afterSequence;
        private final boolean live;
        private final CommandCodec codec = new CommandCodec().sharingText();
        private final byte[] buffer = new byte[CommandCodec.RECORD_BYTES_MAX];
        private ExcerptTailer tailer;
        private boolean ended;
        private long expected = 1;

        Reader(long afterSequence, boolean live) {
            this.afterSequence = afterSequence;
            this.live = live;
            this.ended = !live && lastGoodIndex < 0;
        }

        /** The sequence of the last record read (all of them were checked), 0 for none. */
        long lastRead() {
            return expected - 1;
        }

        @Override
        public boolean next(Command out) {
            if (tailer == null && !ended) {
                tailer = queue.createTailer(); // on the thread that reads: a tailer belongs to one
                tailer.toStart();
            }
            while (!ended) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        ended = !live; // a follower asks again later
                        return false;
                    }
                    long index = dc.index();
                    boolean wanted = read(dc.wire().bytes(), index, out);
                    expected++;
                    ended = !live && index == lastGoodIndex;
                    if (wanted) {
                        out.cacheHashes();
                        return true;
                    }
                }
            }
            return false;
        }

        /** Checks the record at {@code index}; builds it into {@code out} only when it is after {@link #afterSequence}. */
        private boolean read(Bytes<?> in, long index, Command out) {
            long n = in.readRemaining();
            if (n > buffer.length) {
                throw new JournalCorruptException("journal " + dir + ": record of " + n + " bytes at index "
                        + Long.toHexString(index));
            }
            in.read(buffer, 0, (int) n);
            boolean wanted = expected > afterSequence;
            long sequence;
            try {
                if (wanted) {
                    codec.decode(buffer, 0, (int) n, out);
                    sequence = out.sequence;
                } else {
                    sequence = codec.check(buffer, 0, (int) n);
                }
            } catch (CorruptRecordException e) {
                throw new JournalCorruptException("journal " + dir + ": corrupt record at index "
                        + Long.toHexString(index) + ": " + e.getMessage(), e);
            }
            checkSequence(sequence, expected, index);
            return wanted;
        }

        @Override
        public void close() {
            if (tailer != null) {
                tailer.close();
            }
        }
    }

    private void checkSequence(long sequence, long expected, long index) {
        if (sequence != expected) {
            throw new JournalCorruptException("journal " + dir + ": sequence " + sequence + " where "
                    + expected + " was expected (index " + Long.toHexString(index) + ")");
        }
    }

    /** Checks one record at open as replay will decode it; returns its sequence. */
    private long check(byte[] buf, int n) {
        try {
            return checkCodec.check(buf, 0, n);
        } catch (CorruptRecordException e) {
            throw new QueueRecovery.Unreadable(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (appender != null) {
            appender.close();
        }
        queue.close();
    }
}
