package io.paygate.gateway.matcher;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The canonical encoding of matcher state: big-endian fixed-width numbers, length-prefixed UTF-8
 * (-1 for null), in one fixed walk order. The same state always gives the same bytes, so the state
 * hash is the SHA-256 of these bytes and a snapshot is these bytes. In memory only: no I/O.
 */
final class CanonicalOutput {
    private byte[] buf = new byte[1 << 16];
    private int pos;

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
        writeBytes(s.getBytes(StandardCharsets.UTF_8));
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

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
