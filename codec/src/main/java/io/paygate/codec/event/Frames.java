package io.paygate.codec.event;

import io.paygate.codec.command.CorruptRecordException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Framing for event and delivery records: the same header and trailer as command records, around a
 * JSON payload.
 *
 * <pre>
 *  offset  size  field
 *  0       4     record length L (all of it)
 *  4       2     record type
 *  6       2     format version
 *  8       8     sequence (the event's sequence)
 *  16      ...   payload (UTF-8 JSON)
 *  L-4     4     CRC32C of bytes [0, L-4)
 * </pre>
 */
public final class Frames {

    public static final int HEADER_BYTES = 16;
    public static final int CRC_BYTES = 4;
    public static final int RECORD_BYTES_MAX = 1 << 20;

    /** Record types (never reused). */
    public static final int TYPE_EVENT = 1;
    public static final int TYPE_DELIVERY = 2;

    private Frames() {
    }

    /** A decoded frame. */
    public record Frame(int type, int version, long sequence, String payload) {
    }

    /** Frames {@code payload} into a new array. */
    public static byte[] seal(int type, int version, long sequence, byte[] payload) {
        int length = HEADER_BYTES + payload.length + CRC_BYTES;
        if (length > RECORD_BYTES_MAX) {
            throw new IllegalArgumentException("record of " + length + " bytes exceeds " + RECORD_BYTES_MAX);
        }
        byte[] b = new byte[length];
        putInt(b, 0, length);
        b[4] = (byte) type;
        b[5] = (byte) (type >>> 8);
        b[6] = (byte) version;
        b[7] = (byte) (version >>> 8);
        for (int i = 0; i < 8; i++) {
            b[8 + i] = (byte) (sequence >>> (8 * i));
        }
        System.arraycopy(payload, 0, b, HEADER_BYTES, payload.length);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, length - CRC_BYTES);
        putInt(b, length - CRC_BYTES, (int) crc.getValue());
        return b;
    }

    /** Checks and opens a frame of the expected type. */
    public static Frame open(byte[] b, int length, int expectedType, int supportedVersion) {
        if (length < HEADER_BYTES + CRC_BYTES || length > RECORD_BYTES_MAX || length > b.length) {
            throw new CorruptRecordException("record length " + length + " out of range");
        }
        if (getInt(b, 0) != length) {
            throw new CorruptRecordException("record says " + getInt(b, 0) + " bytes but holds " + length);
        }
        CRC32C crc = new CRC32C();
        crc.update(b, 0, length - CRC_BYTES);
        if (getInt(b, length - CRC_BYTES) != (int) crc.getValue()) {
            throw new CorruptRecordException("CRC32C mismatch");
        }
        int type = (b[4] & 0xFF) | (b[5] & 0xFF) << 8;
        int version = (b[6] & 0xFF) | (b[7] & 0xFF) << 8;
        if (type != expectedType) {
            throw new CorruptRecordException("record type " + type + " where " + expectedType + " was expected");
        }
        if (version != supportedVersion) {
            throw new CorruptRecordException("unknown record format version " + version);
        }
        long seq = 0;
        for (int i = 7; i >= 0; i--) {
            seq = (seq << 8) | (b[8 + i] & 0xFF);
        }
        String payload = new String(b, HEADER_BYTES, length - HEADER_BYTES - CRC_BYTES, StandardCharsets.UTF_8);
        return new Frame(type, version, seq, payload);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
