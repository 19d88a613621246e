package io.paygate.gateway.matcher;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The canonical encoding of matcher state: big-endian fixed-width numbers, length-prefixed UTF-8
 * (-1 for null), in one fixed walk order. The same state always gives the same bytes, so the state
 * hash is the SHA-256 of these bytes and a snapshot is these bytes. No I/O: streamed, it hands its
 * chunks to a {@link Matcher.StateSink}, which is the caller's.
 */
final class CanonicalOutput {
    private byte[] buf;
    private int pos;
    /** Where full buffers go when streaming (null: the whole encoding stays in {@link #buf}). */
    private final Matcher.StateSink sink;
    private long flushed;

    /** Collects the whole encoding in memory ({@link #toByteArray()}). */
    CanonicalOutput() {
        this.buf = new byte[1 << 16];
        this.sink = null;
    }

    /** Hands the encoding to {@code sink} in chunks of about {@code chunkBytes}, in order. */
    CanonicalOutput(Matcher.StateSink sink, int chunkBytes) {
        this.buf = new byte[Math.max(64, chunkBytes)];
        this.sink = sink;
    }

    void writeByte(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void writeInt(int v) {
        ensure(4);
        for (int i = 3; i >= 0; i--) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
    }

    void writeLong(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
    }

    void writeBoolean(boolean v) {
        writeByte(v ? 1 : 0);
    }

    void writeString(String s) {
        if (s == null) {
            writeInt(-1);
            return;
        }
        int n = s.length();
        if (isAscii(s, n)) { // the usual case: ids, URLs; no byte[] copy per string (a snapshot has millions)
            writeInt(n);
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
            return;
        }
        writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isAscii(String s, int n) {
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    void writeBytes(byte[] b) {
        if (b == null) {
            writeInt(-1);
            return;
        }
        writeInt(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    void writeEnum(Enum<?> e) {
        writeInt(e == null ? -1 : e.ordinal());
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Streaming: hands what is buffered to the sink; returns the encoding's whole length. */
    long finish() {
        flush();
        return flushed;
    }

    private void flush() {
        if (pos > 0) {
            sink.write(buf, 0, pos);
            flushed += pos;
            pos = 0;
        }
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            if (sink != null) {
                flush();
                if (n <= buf.length) {
                    return;
                }
            }
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
