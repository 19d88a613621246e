package io.paygate.gateway.journal;

import io.paygate.gateway.matcher.Matcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matcher snapshots in {@code DIR/snapshots/}: the canonical state bytes with the journal sequence
 * they cover and their SHA-256 (which is the state hash), written atomically (temp file, fsync,
 * rename, fsync of the directory) and checked when read. Recovery takes the newest snapshot that
 * passes every check and replays the journal after it; a damaged snapshot is skipped for an older
 * one, or for a full replay. The newest {@link #KEEP} are kept.
 *
 * <pre>
 * 0   8   magic "PGSNAP01"
 * 8   4   format version
 * 12  8   journal sequence covered
 * 20  32  SHA-256 of the state bytes
 * 52  8   state length N
 * 60  N   state bytes (the matcher's canonical encoding)
 * 60+N 4  CRC32C of bytes [0, 60+N)
 * </pre>
 */
public final class SnapshotStore {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final byte[] MAGIC = "PGSNAP01".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int HEADER = 60;
    /** Snapshots kept on disk (the newest ones). */
    public static final int KEEP = 3;

    private final Path dir;

    public SnapshotStore(Path dir) {
        this.dir = dir;
    }

    /** A snapshot file's checked contents: the journal sequence it covers, the state and its hash. */
    public record Raw(long sequence, String stateHash, byte[] state, Path file) {
    }

    /** A usable snapshot: the matcher restored from it. */
    public record Loaded(long sequence, String stateHash, Matcher matcher, Path file) {
    }

    /** Bytes handed to the file at a time; the pacer is consulted after each. */
    static final int CHUNK_BYTES = 1 << 20;
    /**
     * Written bytes are forced to disk every this many, so the write-back of a large snapshot is
     * spread out instead of all coming at its final fsync (which on ext4 also makes every other
     * writer of the file system wait for the commit it drives).
     */
    static final long FORCE_EVERY_BYTES = 8L << 20;

    /**
     * Writes a snapshot of {@code state} (which covers journal {@code sequence}) durably and prunes old
     * ones; returns its file. The encoding streams through the file in {@link #CHUNK_BYTES} pieces,
     * hashed on the way, so the whole state is never held as one array; {@code pacer} is consulted
     * after every piece. The header, whose hash and length are known only at the end, is written last,
     * then the CRC over header and state (read back from the file).
     */
    public Path write(long sequence, Matcher state, Pacer pacer) {
        Path file = dir.resolve(String.format("snapshot-%020d.snap", sequence));
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                MessageDigest sha = sha256();
                long[] unforced = {0};
                ch.position(HEADER);
                long length = state.writeState((b, off, len) -> {
                    sha.update(b, off, len);
                    try {
                        writeFully(ch, ByteBuffer.wrap(b, off, len));
                        unforced[0] += len;
                        if (unforced[0] >= FORCE_EVERY_BYTES) {
                            ch.force(false);
                            unforced[0] = 0;
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    pacer.pace();
                }, CHUNK_BYTES);
                ByteBuffer header = ByteBuffer.allocate(HEADER);
                header.put(MAGIC).putInt(VERSION).putLong(sequence).put(sha.digest()).putLong(length).flip();
                writeFully(ch, header, 0);
                ByteBuffer crc = ByteBuffer.allocate(4).putInt(crcOf(ch, HEADER + length, pacer)).flip();
                writeFully(ch, crc, HEADER + length);
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
            prune();
            return file;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the next snapshot's write truncates it
            }
            if (e instanceof RuntimeException r && !(e instanceof UncheckedIOException)) {
                throw r; // cancelled (a stop), or a bug
            }
            throw new UncheckedIOException("cannot write snapshot " + file,
                    e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Writes all of {@code b} at {@code position} (a positional write may take only part of it). */
    private static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) {
            position += ch.write(b, position);
        }
    }

    /** CRC32C of the file's first {@code length} bytes, read back a chunk at a time. */
    private static int crcOf(FileChannel ch, long length, Pacer pacer) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer b = ByteBuffer.allocateDirect(CHUNK_BYTES);
        for (long at = 0; at < length; ) {
            b.clear().limit((int) Math.min(CHUNK_BYTES, length - at));
            int n = ch.read(b, at);
            if (n < 0) {
                throw new IOException("snapshot file ended at " + at + " of " + length + " bytes");
            }
            b.flip();
            crc.update(b);
            at += n;
            pacer.pace();
        }
        return (int) crc.getValue();
    }

    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync directory {}: {}", dir, e.toString()); // not every file system allows it
        }
    }

    private void prune() throws IOException {
        List<Path> all = files();
        for (int i = KEEP; i < all.size(); i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    /** Snapshot files, newest first. */
    public List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "snapshot-*.snap")) {
            ds.forEach(out::add);
        }
        out.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        return out;
    }

    /** The newest snapshot that passes every check (null when none does), logging each one skipped. */
    public Loaded loadNewest() {
        try {
            for (Path file : files()) {
                try {
                    Raw raw = read(file);
                    Matcher restored = Matcher.restore(raw.state());
                    if (!restored.stateHash().equals(raw.stateHash()) || restored.lastSequence() != raw.sequence()) {
                        throw new IllegalArgumentException("restored state does not reproduce its hash and sequence");
                    }
                    return new Loaded(raw.sequence(), raw.stateHash(), restored, file);
                } catch (IllegalArgumentException e) {
                    LOG.error("snapshot {} is unusable ({}); trying an older one", file, e.getMessage());
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list snapshots in " + dir, e);
        }
    }

    /** Reads and checks one snapshot file. */
    public static Raw read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length < HEADER + 4 || !Arrays.equals(Arrays.copyOf(b, 8), MAGIC)) {
            throw new IllegalArgumentException("not a snapshot file");
        }
        ByteBuffer h = ByteBuffer.wrap(b);
        h.position(8);
        int version = h.getInt();
        long sequence = h.getLong();
        byte[] hash = new byte[32];
        h.get(hash);
        long length = h.getLong();
        if (version != VERSION || length != b.length - HEADER - 4) {
            throw new IllegalArgumentException("unknown version or wrong length");
        }
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        if (ByteBuffer.wrap(b, b.length - 4, 4).getInt() != (int) crc.getValue()) {
            throw new IllegalArgumentException("CRC32C mismatch");
        }
        byte[] state = Arrays.copyOfRange(b, HEADER, b.length - 4);
        if (!Arrays.equals(sha256(state), hash)) {
            throw new IllegalArgumentException("state bytes do not match their SHA-256");
        }
        return new Raw(sequence, HexFormat.of().formatHex(hash), state, file); // checked equal just above
    }

    private static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
