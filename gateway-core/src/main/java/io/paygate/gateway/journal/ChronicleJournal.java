package io.paygate.gateway.journal;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandCodec;
import io.paygate.codec.command.CorruptRecordException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Journal} on a memory-mapped Chronicle Queue. An appended record survives a process crash
 * as soon as {@link #append} returns (the page cache holds it); {@link #sync()} adds an msync for
 * power loss.
 */
public final class ChronicleJournal implements Journal {

    private final Path dir;
    private final SingleChronicleQueue queue;
    private final CommandCodec writeCodec = new CommandCodec();
    private final CommandCodec readCodec = new CommandCodec();
    private final byte[] record = new byte[CommandCodec.RECORD_BYTES_MAX];
    private final byte[] readBuffer = new byte[CommandCodec.RECORD_BYTES_MAX];
    private final Bytes<byte[]> bytes = Bytes.allocateElasticOnHeap(4096);
    private ExcerptAppender appender;
    private long lastSequence;
    private final Set<Long> tornIndexes;
    /** Lists (hex Chronicle indexes) the torn tail records recovery dropped. */
    static final String TORN_FILE = "torn-records";
    private static final Logger LOG = LoggerFactory.getLogger(ChronicleJournal.class);

    /** Opens (or creates) the queue in {@code dir}. */
    public ChronicleJournal(Path dir) {
        ChronicleSetup.init();
        this.dir = dir;
        this.queue = SingleChronicleQueueBuilder.binary(dir.toFile())
                .rollCycle(RollCycles.FAST_DAILY)
                .build();
        try {
            this.tornIndexes = readTornIndexes();
            this.lastSequence = readLastSequence();
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    /** Indexes of torn tail records dropped by earlier recoveries (never acknowledged, skipped for good). */
    private Set<Long> readTornIndexes() {
        Path file = dir.resolve(TORN_FILE);
        Set<Long> out = new HashSet<>();
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        out.add(Long.parseUnsignedLong(line.trim(), 16));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                throw new JournalCorruptException("journal " + dir + ": unreadable " + TORN_FILE, e);
            }
        }
        return out;
    }

    private void rememberTorn(long index) {
        Path file = dir.resolve(TORN_FILE);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap((Long.toHexString(index) + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        } catch (IOException e) {
            throw new JournalCorruptException("journal " + dir + ": cannot record the torn record at index "
                    + Long.toHexString(index), e);
        }
        tornIndexes.add(index);
    }

    private long readLastSequence() {
        long lastIndex = queue.lastIndex();
        if (lastIndex < 0) {
            return 0;
        }
        try (ExcerptTailer tailer = queue.createTailer()) {
            Bytes<byte[]> last = Bytes.allocateElasticOnHeap(4096);
            if (!tailer.moveToIndex(lastIndex) || !tailer.readBytes(last)) {
                return 0;
            }
            Command c = new Command();
            decode(last, c, lastIndex);
            return c.sequence;
        } catch (JournalCorruptException e) {
            return 0; // a torn tail: replay finds the true last sequence and drops the torn record
        }
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
        bytes.clear();
        bytes.write(record, 0, length);
        appender.writeBytes(bytes);
        lastSequence = cmd.sequence;
        return length;
    }

    @Override
    public void sync() {
        if (appender != null) {
            appender.sync();
        }
    }

    @Override
    public long replay(long afterSequence, Consumer<Command> sink) {
        Command cmd = new Command();
        Bytes<byte[]> in = Bytes.allocateElasticOnHeap(4096);
        long count = 0;
        long expected = 1;
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.toStart();
            while (true) {
                in.clear();
                if (!tailer.readBytes(in)) {
                    break;
                }
                long index = tailer.lastReadIndex();
                if (tornIndexes.contains(index)) {
                    continue;
                }
                try {
                    decode(in, cmd, index);
                } catch (JournalCorruptException e) {
                    if (hasRecordAfter(tailer)) {
                        throw e; // corruption in the middle: never skip it
                    }
                    LOG.error("journal {}: dropping the torn record at its end (index {}); it was never acknowledged: {}",
                            dir, Long.toHexString(index), e.getMessage());
                    rememberTorn(index);
                    break;
                }
                if (cmd.sequence != expected) {
                    throw new JournalCorruptException("journal " + dir + ": sequence " + cmd.sequence + " where "
                            + expected + " was expected (index " + Long.toHexString(index) + ")");
                }
                if (cmd.sequence > afterSequence) {
                    sink.accept(cmd);
                    count++;
                }
                expected++;
            }
        }
        lastSequence = expected - 1;
        if (lastSequence < afterSequence) {
            throw new JournalCorruptException("journal " + dir + " ends at sequence " + lastSequence
                    + " but the snapshot covers up to " + afterSequence);
        }
        return count;
    }

    private static boolean hasRecordAfter(ExcerptTailer tailer) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (dc.isPresent()) {
                dc.rollbackOnClose();
                return true;
            }
            return false;
        }
    }

    private void decode(Bytes<byte[]> in, Command out, long index) {
        int n = (int) in.readRemaining();
        if (n > readBuffer.length) {
            throw new JournalCorruptException("journal " + dir + ": record of " + n + " bytes at index "
                    + Long.toHexString(index));
        }
        in.read(readBuffer, 0, n);
        try {
            readCodec.decode(readBuffer, 0, n, out);
        } catch (CorruptRecordException e) {
            throw new JournalCorruptException("journal " + dir + ": corrupt record at index " + Long.toHexString(index)
                    + ": " + e.getMessage(), e);
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
