package io.paygate.gateway.journal;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandCodec;
import io.paygate.codec.command.CorruptRecordException;
import java.nio.file.Path;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

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

    /** Opens (or creates) the queue in {@code dir}. */
    public ChronicleJournal(Path dir) {
        ChronicleSetup.init();
        this.dir = dir;
        this.queue = SingleChronicleQueueBuilder.binary(dir.toFile())
                .rollCycle(RollCycles.FAST_DAILY)
                .build();
        try {
            this.lastSequence = readLastSequence();
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
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
        }
    }

    @Override
    public long lastSequence() {
        return lastSequence;
    }

    @Override
    public void append(Command cmd) {
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
                long index = tailer.index();
                if (!tailer.readBytes(in)) {
                    break;
                }
                decode(in, cmd, index);
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
