package io.paygate.gateway.matcher;

import java.nio.charset.StandardCharsets;

/** Reads {@link CanonicalOutput}'s encoding back; any inconsistency is an {@link IllegalArgumentException}. */
final class CanonicalInput {
    private final byte[] buf;
    private int pos;

    CanonicalInput(byte[] buf) {
        this.buf = buf;
    }

    private void need(int n) {
        if (n < 0 || pos + n > buf.length) {
            throw new IllegalArgumentException("state encoding ends early at byte " + pos);
        }
    }

    byte readByte() {
        need(1);
        return buf[pos++];
    }

    int readInt() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    long readLong() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    boolean readBoolean() {
        byte b = readByte();
        if (b != 0 && b != 1) {
            throw new IllegalArgumentException("bad boolean at byte " + (pos - 1));
        }
        return b == 1;
    }

    /** A non-negative element count. */
    int readCount() {
        int n = readInt();
        if (n < 0 || n > buf.length) {
            throw new IllegalArgumentException("bad count " + n + " at byte " + (pos - 4));
        }
        return n;
    }

    String readString() {
        byte[] b = readBytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    byte[] readBytes() {
        int n = readInt();
        if (n == -1) {
            return null;
        }
        need(n);
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }

    <E extends Enum<E>> E readEnum(E[] values) {
        int i = readInt();
        if (i == -1) {
            return null;
        }
        if (i < 0 || i >= values.length) {
            throw new IllegalArgumentException("bad enum ordinal " + i);
        }
        return values[i];
    }

    boolean atEnd() {
        return pos == buf.length;
    }
}
