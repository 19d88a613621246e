package io.paygate.gateway.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * The data directory: journal, keys, admin token, demo merchant. A running gateway holds
 * {@code paygate.lock} so that a second gateway, or {@code paygate verify}, cannot use the same
 * directory at the same time.
 *
 * <pre>
 * DIR/paygate.lock            held while a gateway runs
 * DIR/admin.token             bearer token of the admin port (owner-only)
 * DIR/journal/commands/       Chronicle Queue of journaled commands
 * DIR/keys/                   platform keys ({@link PlatformKeyStore})
 * DIR/demo/merchant.json      the sandbox demo merchant ({@link DemoMerchant})
 * </pre>
 */
public final class DataDir implements AutoCloseable {

    private final Path root;
    private FileChannel lockChannel;
    private FileLock lock;

    public DataDir(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path journalDir() {
        return root.resolve("journal").resolve("commands");
    }

    /**
     * The highest journal sequence a clean stop of this data dir recorded, 0 when none did: a journal
     * that ends before it was lost or replaced (a start refuses rather than begin with less).
     */
    public long journalHighWater() {
        Path file = root.resolve(HIGH_WATER_FILE);
        if (!Files.exists(file)) {
            return 0;
        }
        String text = SecureFiles.read(file).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + " is not a journal sequence: " + text, e);
        }
    }

    /** Records a clean stop's last journal sequence; never lowers the mark. */
    public void recordJournalHighWater(long sequence) {
        if (sequence > journalHighWater()) {
            SecureFiles.writePublic(root.resolve(HIGH_WATER_FILE), sequence + "\n");
        }
    }

    static final String HIGH_WATER_FILE = "journal-high-water";

    public Path demoDir() {
        return root.resolve("demo");
    }

    /**
     * Creates the directory if needed and takes the lock.
     *
     * @throws IllegalStateException when another process holds it
     */
    public DataDir lock() {
        try {
            Files.createDirectories(root);
            lockChannel = FileChannel.open(root.resolve("paygate.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                lockChannel = null;
                throw new IllegalStateException("data dir " + root + " is in use by a running gateway");
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock data dir " + root, e);
        }
    }

    /** The admin bearer token, created (owner-only) on first use. */
    public String adminToken(SecureRandom random) {
        Path file = root.resolve("admin.token");
        if (Files.exists(file)) {
            String token = SecureFiles.read(file).trim();
            if (token.length() >= 32) {
                return token;
            }
        }
        StringBuilder sb = new StringBuilder(48);
        for (int i = 0; i < 48; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        SecureFiles.writeSecret(file, sb + "\n");
        return sb.toString();
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the data dir lock", e);
        } finally {
            lock = null;
            lockChannel = null;
        }
    }
}
