package io.paygate.gateway.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The replay guard's memory across restarts: a fixed-size, memory-mapped ring of (key hash,
 * timestamp) entries in {@code DIR/journal/nonces}. Each accepted request's nonce is written with
 * two absolute stores into the page cache (no system call), so it survives a process crash like the
 * journal; at start-up the entries still inside the replay window seed the new guard. Old entries are
 * overwritten round-robin; the ring is as large as the guard's own bound.
 *
 * <pre>
 * 0   8  magic "PGNONCE1"
 * 8   8  capacity (entries)
 * 64  16 × capacity: key hash (8), request timestamp in epoch seconds (8); timestamp 0 = empty
 * </pre>
 *
 * Thread-safe: slots are claimed with an atomic counter; a torn entry (hash without timestamp)
 * reads as empty.
 */
public final class NonceLog implements AutoCloseable {

    private static final long MAGIC = 0x31454E4F4E474750L; // "PGNONCE1" little-endian
    private static final int HEADER = 64;
    private static final int ENTRY = 16;

    private final FileChannel channel;
    private final MappedByteBuffer map;
    private final int capacity;
    private final AtomicLong next = new AtomicLong();

    public NonceLog(Path file, int capacity) {
        this.capacity = capacity;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            boolean fresh = channel.size() == 0; // a new file reads as zeros: nothing to clear
            map = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER + (long) ENTRY * capacity);
            map.order(ByteOrder.LITTLE_ENDIAN);
            if (fresh) {
                map.putLong(8, capacity);
                map.putLong(0, MAGIC);
            } else if (map.getLong(0) != MAGIC || map.getLong(8) != capacity) {
                for (int i = 0; i < HEADER + ENTRY * capacity; i += 8) {
                    map.putLong(i, 0);
                }
                map.putLong(8, capacity);
                map.putLong(0, MAGIC);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open nonce log " + file, e);
        }
    }

    /** Remembers an accepted request's key. */
    public void record(long hash, long timestampSeconds) {
        int slot = (int) Math.floorMod(next.getAndIncrement(), (long) capacity);
        int at = HEADER + slot * ENTRY;
        map.putLong(at + 8, 0);
        map.putLong(at, hash);
        map.putLong(at + 8, timestampSeconds);
    }

    /** Hands every entry stamped at or after {@code minTimestampSeconds} to {@code sink}; writing resumes after the newest. */
    public void load(long minTimestampSeconds, EntrySink sink) {
        long newest = Long.MIN_VALUE;
        int newestSlot = -1;
        for (int slot = 0; slot < capacity; slot++) {
            int at = HEADER + slot * ENTRY;
            long ts = map.getLong(at + 8);
            if (ts == 0) {
                continue;
            }
            if (ts >= minTimestampSeconds) {
                sink.accept(map.getLong(at), ts);
            }
            if (ts >= newest) {
                newest = ts;
                newestSlot = slot;
            }
        }
        next.set(newestSlot + 1L);
    }

    /** Receives loaded entries. */
    @FunctionalInterface
    public interface EntrySink {
        void accept(long hash, long timestampSeconds);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close nonce log", e);
        }
    }
}
