package io.paygate.gateway.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.InternalAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How Paygate opens its Chronicle queues and finds their true end after a crash.
 *
 * <p>A crash can leave the last excerpt with a header Chronicle never completed (killed mid-write),
 * zeroed (a page that never reached disk), or a length past the file. Chronicle's reader stops in
 * front of such an excerpt, but its appender carries on behind it, where no reader ever looks: the
 * next acknowledged record would be lost at the following start. So every queue is scanned when it
 * opens ({@link #scan}), and an unreadable tail is cut off by rewriting the readable records, at their
 * own indexes, into a fresh directory that replaces the damaged one ({@link #rewrite}); the damaged
 * directory is kept beside it for inspection. Only one record can be torn at the end; anything
 * unreadable before the queue's last index refuses to open, naming the directory and index.
 */
public final class QueueRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(QueueRecovery.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private QueueRecovery() {
    }

    /**
     * Opens (or creates) the queue in {@code dir}, first finishing a rewrite a crash interrupted. An
     * appender's {@code sync()} waits for the disk ({@code msync(MS_SYNC)}); Chronicle's default,
     * {@code MS_ASYNC}, only schedules the write-back and would not survive a power loss.
     */
    static SingleChronicleQueue open(Path dir) {
        ChronicleSetup.init();
        finishInterruptedRewrite(dir);
        return builder(dir).build();
    }

    private static SingleChronicleQueueBuilder builder(Path dir) {
        return SingleChronicleQueueBuilder.binary(dir.toFile()).rollCycle(RollCycles.FAST_DAILY).syncMode(SyncMode.SYNC);
    }

    private static Path rewriteDir(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".rewrite");
    }

    private static void finishInterruptedRewrite(Path dir) {
        Path rewrite = rewriteDir(dir);
        if (!Files.exists(rewrite)) {
            return;
        }
        try {
            if (Files.exists(dir)) {
                deleteTree(rewrite); // the crash came before the swap: the original is intact
            } else {
                Files.move(rewrite, dir, StandardCopyOption.ATOMIC_MOVE); // it came between the two renames
                LOG.warn("queue {}: finished a rewrite interrupted by a crash", dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("queue " + dir + ": cannot finish an interrupted rewrite", e);
        }
    }

    /** One readable excerpt, handed to a scan's visitor. */
    @FunctionalInterface
    interface Visitor {
        /**
         * Checks and takes one excerpt; throws {@link Unreadable} when its content is damaged (a torn
         * record if it is the last one), or {@link JournalCorruptException} to refuse outright.
         *
         * @param index the excerpt's queue index
         * @param bytes its content (valid only during the call)
         * @param length its length
         */
        void visit(long index, byte[] bytes, int length);
    }

    /** A record whose content does not check: torn when it is the last one, corruption otherwise. */
    static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Where a scan found the end: the last good record's index (-1: none), and the index of a torn
     * last record (-1: none; a dead header at the end counts as torn without an index of its own).
     */
    record End(long lastGood, long tornIndex, boolean deadTail) {
        boolean torn() {
            return tornIndex >= 0 || deadTail;
        }
    }

    /**
     * Reads every excerpt from the start, handing each data excerpt to {@code visitor}, and checks
     * that at most one record at the very end is torn: one whose content fails the visitor's check or
     * is longer than {@code buffer} (refused before a byte of it is copied), or one whose header
     * Chronicle never completed. Anything unreadable before the end refuses, naming the index.
     */
    static End scan(SingleChronicleQueue queue, Path dir, byte[] buffer, Visitor visitor) {
        long lastGood = -1;
        long lastData = -1;
        JournalCorruptException torn = null;
        long tornIndex = -1;
        long end = -1; // the readable end of the last excerpt of any kind (index pages are meta-data)
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.toStart();
            while (true) {
                try (DocumentContext dc = tailer.readingDocument(true)) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    end = b.readLimit();
                    if (dc.isMetaData()) {
                        continue;
                    }
                    long index = dc.index();
                    if (torn != null) {
                        throw torn; // the damaged record was not the last one
                    }
                    lastData = index;
                    long length = b.readRemaining();
                    try {
                        if (length > buffer.length) {
                            throw new Unreadable("a record of " + length + " bytes (at most " + buffer.length + ")", null);
                        }
                        b.read(buffer, 0, (int) length);
                        visitor.visit(index, buffer, (int) length);
                        lastGood = index;
                    } catch (Unreadable e) {
                        torn = new JournalCorruptException("queue " + dir + ": corrupt record at index "
                                + Long.toHexString(index) + ": " + e.getMessage(), e.getCause());
                        tornIndex = index;
                    }
                }
            }
        }
        boolean dead = deadTail(queue, dir, lastData, end);
        if (dead && torn != null) {
            throw torn; // two damaged records at the end: only the very last one can be torn
        }
        if (torn != null) {
            LOG.error("queue {}: the record at its end (index {}) is torn; it was never acknowledged: {}", dir,
                    Long.toHexString(tornIndex), torn.getMessage());
        } else if (dead) {
            LOG.error("queue {}: the record after index {} has a header that was never completed; it was never "
                    + "acknowledged", dir, lastGood < 0 ? "(none)" : Long.toHexString(lastGood));
        }
        return new End(lastGood, tornIndex, dead);
    }

    /**
     * True when one unreadable excerpt lies past the readable end; refuses when more do.
     * Chronicle's last index counts excerpts its index saw complete; its appender's next position
     * shows an excerpt whose header was never completed or was lost.
     */
    private static boolean deadTail(SingleChronicleQueue queue, Path dir, long lastRead, long readableEnd) {
        long last = queue.lastIndex();
        if (last >= 0 && last != lastRead) {
            long missing = unreadableCount(queue, lastRead, last);
            if (missing != 1) {
                throw new JournalCorruptException("queue " + dir + ": the readable records end at index "
                        + (lastRead < 0 ? "(none)" : Long.toHexString(lastRead)) + " but the queue holds records up to index "
                        + Long.toHexString(last) + ": a damaged record before the end; refusing to go on");
            }
            return true;
        }
        int cycle = lastRead >= 0 ? queue.rollCycle().toCycle(lastRead) : queue.lastCycle();
        if (readableEnd < 0 || cycle != queue.lastCycle()) {
            return false; // no cycle file yet, or the last one was read in full (the index agreed above)
        }
        long next = (readableEnd + 3) & ~3L; // excerpt headers are 4-byte aligned
        SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
        if (store != null) {
            try {
                // the store remembers where the last complete excerpt it wrote begins
                if (store.writePosition() > next) {
                    throw new JournalCorruptException("queue " + dir + ": the readable records end at file position "
                            + next + " but the last record written begins at " + store.writePosition()
                            + ": damaged records before the end; refusing to go on");
                }
            } finally {
                store.close();
            }
        }
        if (cycle != queue.cycle()) {
            return false; // appends go to a cycle file of their own
        }
        try (ExcerptAppender appender = queue.createAppender(); DocumentContext dc = appender.writingDocument()) {
            long nextHeader = dc.wire().bytes().writePosition() - 4;
            dc.rollbackOnClose();
            return nextHeader != next;
        }
    }

    private static long unreadableCount(SingleChronicleQueue queue, long lastRead, long last) {
        RollCycle rc = queue.rollCycle();
        if (lastRead < 0) {
            return queue.firstIndex() == last ? 1 : 2;
        }
        if (rc.toCycle(lastRead) == rc.toCycle(last)) {
            return rc.toSequenceNumber(last) - rc.toSequenceNumber(lastRead);
        }
        return rc.toSequenceNumber(last) == 0 ? 1 : 2;
    }

    /**
     * Replaces the queue in {@code dir} with one holding its readable records up to and including
     * {@code keepThrough} (-1: none), each at its own index. {@code queue} is closed; the result is
     * the reopened queue. The damaged directory is kept as {@code <dir>.damaged-<time>}.
     */
    static SingleChronicleQueue rewrite(SingleChronicleQueue queue, Path dir, long keepThrough) {
        Path rewrite = rewriteDir(dir);
        try {
            if (Files.exists(rewrite)) {
                deleteTree(rewrite);
            }
            long copied = 0;
            try (SingleChronicleQueue fresh = builder(rewrite).build();
                 ExcerptAppender appender = fresh.createAppender();
                 ExcerptTailer tailer = queue.createTailer()) {
                Bytes<byte[]> bytes = Bytes.allocateElasticOnHeap(4096);
                tailer.toStart();
                while (keepThrough >= 0) {
                    try (DocumentContext dc = tailer.readingDocument()) {
                        if (!dc.isPresent() || dc.index() > keepThrough) {
                            break;
                        }
                        bytes.clear();
                        bytes.write(dc.wire().bytes());
                        ((InternalAppender) appender).writeBytes(dc.index(), bytes);
                        copied++;
                    }
                }
                appender.sync();
            }
            queue.close();
            Path damaged = dir.resolveSibling(dir.getFileName() + ".damaged-" + LocalDateTime.now().format(STAMP));
            Files.move(dir, damaged, StandardCopyOption.ATOMIC_MOVE);
            Files.move(rewrite, dir, StandardCopyOption.ATOMIC_MOVE);
            LOG.error("queue {}: cut off the unreadable record at its end ({} readable records kept, last index {}); "
                    + "the damaged queue is kept in {}", dir, copied, keepThrough < 0 ? "(none)" : Long.toHexString(keepThrough),
                    damaged.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("queue " + dir + ": cannot rewrite after a torn record", e);
        }
        return open(dir);
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
