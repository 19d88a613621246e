package io.paygate.gateway.journal;

import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * A Chronicle Queue of opaque, self-checking records (the outbox's events, the notifier's
 * deliveries). One writer thread; readers use their own {@link Reader}s. Records survive a process
 * crash once {@link #append} returns.
 */
public final class RecordQueue implements AutoCloseable {

    private final Path dir;
    private final SingleChronicleQueue queue;
    private final Bytes<byte[]> out = Bytes.allocateElasticOnHeap(4096);
    private ExcerptAppender appender;

    /** The longest record a queue holds; a longer one found on open is damage. */
    public static final int RECORD_BYTES_MAX = 1 << 20;

    /**
     * Opens (or creates) the queue in {@code dir}, cutting off a record torn at its end by a crash
     * (see {@link QueueRecovery}); damage before the end refuses with {@link JournalCorruptException}.
     */
    public RecordQueue(Path dir) {
        this(dir, (bytes, length) -> { });
    }

    /** Checks one record's content when the queue opens; throws to call it damaged. */
    @FunctionalInterface
    public interface Check {
        void check(byte[] bytes, int length);
    }

    /**
     * Like {@link #RecordQueue(Path)}, also checking every record's content with {@code check}: a
     * record it refuses is torn when it is the last one, and refuses the open otherwise.
     */
    public RecordQueue(Path dir, Check check) {
        this.dir = dir;
        SingleChronicleQueue q = QueueRecovery.open(dir);
        try {
            QueueRecovery.End end = QueueRecovery.scan(q, dir, new byte[RECORD_BYTES_MAX], (index, bytes, n) -> {
                try {
                    check.check(bytes, n);
                } catch (RuntimeException e) {
                    throw new QueueRecovery.Unreadable(e.getMessage(), e);
                }
            });
            if (end.torn()) {
                q = QueueRecovery.rewrite(q, dir, end.lastGood());
            }
        } catch (RuntimeException e) {
            q.close();
            throw e;
        }
        this.queue = q;
    }

    public Path dir() {
        return dir;
    }

    /** Appends one record and returns its index. Single writer thread. */
    public long append(byte[] record) {
        if (appender == null) {
            appender = queue.createAppender();
        }
        out.clear();
        out.write(record);
        appender.writeBytes(out);
        return appender.lastIndexAppended();
    }

    /**
     * Lets another thread become the writer (Chronicle appenders belong to one thread; recovery
     * writes on the main thread before the ring's outbox thread takes over).
     */
    public void handOver() {
        if (appender != null) {
            appender.singleThreadedCheckReset();
        }
    }

    /** The last record, or null when the queue is empty. */
    public byte[] last() {
        long lastIndex = queue.lastIndex();
        if (lastIndex < 0) {
            return null;
        }
        try (Reader r = reader()) {
            return r.moveTo(lastIndex) ? r.next() : null;
        }
    }

    /** A reader from the start of the queue. */
    public Reader reader() {
        return new Reader(queue.createTailer());
    }

    @Override
    public void close() {
        if (appender != null) {
            appender.close();
        }
        queue.close();
    }

    /** Reads records in order; {@link #next()} returns null at the current end. */
    public static final class Reader implements AutoCloseable {
        private final ExcerptTailer tailer;
        private final Bytes<byte[]> in = Bytes.allocateElasticOnHeap(4096);
        private long lastIndex = -1;

        Reader(ExcerptTailer tailer) {
            this.tailer = tailer;
        }

        /** The next record, or null when there is none yet. */
        public byte[] next() {
            in.clear();
            if (!tailer.readBytes(in)) {
                return null;
            }
            lastIndex = tailer.lastReadIndex(); // index() before a read can still name the previous cycle
            byte[] b = new byte[(int) in.readRemaining()];
            in.read(b);
            return b;
        }

        /** The queue index of the record {@link #next()} returned last. */
        public long lastIndex() {
            return lastIndex;
        }

        /** Lets another thread continue reading (recovery reads on the main thread first). */
        public void handOver() {
            tailer.singleThreadedCheckReset();
        }

        /** Positions the reader at {@code index}. */
        public boolean moveTo(long index) {
            return tailer.moveToIndex(index);
        }

        @Override
        public void close() {
            tailer.close();
        }
    }
}
