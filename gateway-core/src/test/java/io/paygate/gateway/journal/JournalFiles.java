package io.paygate.gateway.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Where a Chronicle journal's records lie in its cycle file, and tools to damage them (crash tests).
 *
 * <pre>
 * cycle file: [64 KiB-ish header + index area] [hdr|record 1] [hdr|record 2] ... [hdr|record N] [zeros]
 * hdr: 4 bytes little-endian; bit 31 not complete, bit 30 meta data, bits 0..29 length of the record
 * </pre>
 */
public final class JournalFiles {

    /** Chronicle's excerpt header bits. */
    public static final int NOT_COMPLETE = 0x8000_0000;
    public static final int META_DATA = 0x4000_0000;
    public static final int LENGTH_MASK = 0x3FFF_FFFF;

    private JournalFiles() {
    }

    /** One data record: its Chronicle index and where its 4-byte header and its bytes lie in the file. */
    public record Excerpt(long index, long headerPos, int length) {
        public long dataPos() {
            return headerPos + 4;
        }

        public long end() {
            return dataPos() + length;
        }
    }

    /** The journal's only cycle file (the tests write within one day). */
    public static Path cycleFile(Path journalDir) {
        try (Stream<Path> s = Files.list(journalDir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted().toList();
            if (files.size() != 1) {
                throw new IllegalStateException("expected one cycle file in " + journalDir + ": " + files);
            }
            return files.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every data record as Chronicle reads it now (open the queue only on an undamaged journal). */
    public static List<Excerpt> excerpts(Path journalDir) {
        ChronicleSetup.init();
        List<Excerpt> out = new ArrayList<>();
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(journalDir.toFile())
                .rollCycle(RollCycles.FAST_DAILY).build();
             ExcerptTailer t = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    long pos = dc.wire().bytes().readPosition();
                    out.add(new Excerpt(dc.index(), pos - 4, (int) dc.wire().bytes().readRemaining()));
                }
            }
        }
        return out;
    }

    /** Chronicle's own idea of the last index (-1 when empty): what a replay must reach. */
    public static long lastIndex(Path journalDir) {
        ChronicleSetup.init();
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(journalDir.toFile())
                .rollCycle(RollCycles.FAST_DAILY).build()) {
            return q.lastIndex();
        }
    }

    public static byte[] read(Path file, long pos, int length) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(length);
            while (b.hasRemaining() && ch.read(b, pos + b.position()) > 0) {
                // keep reading
            }
            return b.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, long pos, byte[] bytes) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b, pos + b.position());
            }
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int readHeader(Path file, long headerPos) {
        return ByteBuffer.wrap(read(file, headerPos, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    public static void writeHeader(Path file, long headerPos, int header) {
        write(file, headerPos, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(header).array());
    }

    /** Cuts the file at {@code size} bytes (Chronicle maps zeros past the end when it reopens it). */
    public static void truncate(Path file, long size) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
