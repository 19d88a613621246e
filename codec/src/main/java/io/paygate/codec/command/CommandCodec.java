package io.paygate.codec.command;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The journal record of a command. Little-endian, self-delimiting, checked when written and read.
 *
 * <pre>
 *  offset  size  field
 *  0       4     record length L in bytes (header, fields and CRC included)
 *  4       2     command type code ({@link CommandType#code()})
 *  6       2     format version ({@link #FORMAT_VERSION})
 *  8       8     sequence (1, 2, 3 ... without gaps)
 *  16      8     acceptedAtMillis
 *  24      ...   fields, each: u8 tag, then
 *                  a long field:   8 bytes
 *                  a text field:   u16 byte length + UTF-8 bytes
 *                  a bytes field:  u16 length + bytes
 *  L-4     4     CRC32C of bytes [0, L-4)
 * </pre>
 *
 * Absent fields (null or 0) are not written. Tags are never reused for another meaning; a decoder
 * refuses a tag it does not know rather than guessing.
 *
 * <p>Encoding allocates nothing: it writes into a caller-owned array. Decoding allocates the text
 * fields it sets (each a new string, unless {@link #sharingText()} is on) and a key's bytes;
 * {@link #check} decodes nothing and allocates nothing for ASCII text. Not thread-safe (one instance
 * per thread).
 */
public final class CommandCodec {

    /** Current record format. */
    public static final int FORMAT_VERSION = 1;
    /** Header bytes before the first field. */
    public static final int HEADER_BYTES = 24;
    /** Trailing CRC bytes. */
    public static final int CRC_BYTES = 4;
    /** Largest record accepted (a request body is at most 64 KiB). */
    public static final int RECORD_BYTES_MAX = 256 * 1024;
    /** Longest single text or bytes field. */
    public static final int FIELD_BYTES_MAX = 0xFFFF;

    private static final int T_MCHID = 1;
    private static final int T_APPID = 2;
    private static final int T_OUT_TRADE_NO = 3;
    private static final int T_TRANSACTION_ID = 4;
    private static final int T_OUT_REFUND_NO = 5;
    private static final int T_OPENID = 6;
    private static final int T_TRADE_TYPE = 7;
    private static final int T_DESCRIPTION = 8;
    private static final int T_ATTACH = 9;
    private static final int T_NOTIFY_URL = 10;
    private static final int T_GOODS_TAG = 11;
    private static final int T_TIME_EXPIRE = 12;
    private static final int T_AMOUNT = 13;
    private static final int T_TOTAL = 14;
    private static final int T_DEVICE_ID = 15;
    private static final int T_PAYER_CLIENT_IP = 16;
    private static final int T_STORE_ID = 17;
    private static final int T_TOKEN = 18;
    private static final int T_REASON = 19;
    private static final int T_NAME = 20;
    private static final int T_SERIAL_NO = 21;
    private static final int T_PUBLIC_KEY_DER = 22;
    private static final int T_SECRET = 23;
    private static final int T_SECRET2 = 24;
    private static final int T_FEE_RATE = 25;
    private static final int T_FLAGS = 26;
    private static final int T_DEADLINE = 27;
    private static final int T_SP_MCHID = 28;
    private static final int T_SUB_APPID = 29;
    private static final int T_COMMISSION = 30;

    /** Slots of the shared-text table ({@link #sharingText()}); a power of two. */
    static final int SHARED_TEXT_SLOTS = 4096;
    /** Longer text is never shared: ids, urls and descriptions are shorter. */
    static final int SHARED_TEXT_BYTES_MAX = 128;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final CRC32C crc = new CRC32C();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    /** Reused by non-ASCII text: wraps the source array, decodes into {@link #chars}. */
    private ByteBuffer utf8In;
    private CharBuffer chars;
    /** The shared-text table, null unless {@link #sharingText()}: each slot's UTF-8 bytes and string. */
    private byte[][] sharedBytes;
    private String[] sharedText;
    /** {@link #check} walks the fields into this struct, setting numbers only. */
    private Command checked;
    private byte[] buf;
    private int pos;

    /**
     * Makes {@link #decode} hand out one string instance for every record that repeats a value of a
     * field that repeats by nature (merchant ids, appids, payer openids, descriptions, notify URLs,
     * device, store and client ip), from a table of {@value #SHARED_TEXT_SLOTS} recent values.
     * Journal replay uses it: the matcher keeps those strings in every order it builds, so sharing
     * them keeps one copy instead of one per order (and the decode allocates nothing for them). Fields
     * unique by nature (out_trade_no, transaction and refund ids, tokens, secrets) are always new.
     *
     * @return this codec
     */
    public CommandCodec sharingText() {
        if (sharedText == null) {
            sharedBytes = new byte[SHARED_TEXT_SLOTS][];
            sharedText = new String[SHARED_TEXT_SLOTS];
        }
        return this;
    }

    /**
     * Encodes {@code cmd} into {@code dst} from offset 0.
     *
     * @return the record length
     * @throws IllegalArgumentException when the command cannot be encoded (a field too long, a lone
     *     surrogate, a query type): a programmer error, since the decode stage bounds every field
     */
    public int encode(Command cmd, byte[] dst) {
        if (cmd.type == null || cmd.type.isQuery()) {
            throw new IllegalArgumentException("not a journaled command: " + cmd.type);
        }
        buf = dst;
        pos = HEADER_BYTES;
        text(T_MCHID, cmd.mchid);
        text(T_APPID, cmd.appid);
        text(T_OUT_TRADE_NO, cmd.outTradeNo);
        text(T_TRANSACTION_ID, cmd.transactionId);
        text(T_OUT_REFUND_NO, cmd.outRefundNo);
        text(T_OPENID, cmd.openid);
        number(T_TRADE_TYPE, cmd.tradeType == null ? 0 : cmd.tradeType.code());
        text(T_DESCRIPTION, cmd.description);
        text(T_ATTACH, cmd.attach);
        text(T_NOTIFY_URL, cmd.notifyUrl);
        text(T_GOODS_TAG, cmd.goodsTag);
        number(T_TIME_EXPIRE, cmd.timeExpireMillis);
        number(T_AMOUNT, cmd.amountFen);
        number(T_TOTAL, cmd.totalFen);
        text(T_DEVICE_ID, cmd.deviceId);
        text(T_PAYER_CLIENT_IP, cmd.payerClientIp);
        text(T_STORE_ID, cmd.storeId);
        text(T_TOKEN, cmd.token);
        text(T_REASON, cmd.reason);
        text(T_NAME, cmd.name);
        text(T_SERIAL_NO, cmd.serialNo);
        bytes(T_PUBLIC_KEY_DER, cmd.publicKeyDer);
        text(T_SECRET, cmd.secret);
        text(T_SECRET2, cmd.secret2);
        number(T_FEE_RATE, cmd.feeRatePpm);
        number(T_FLAGS, cmd.flags);
        number(T_DEADLINE, cmd.deadlineMillis);
        text(T_SP_MCHID, cmd.spMchid);
        text(T_SUB_APPID, cmd.subAppid);
        number(T_COMMISSION, cmd.commissionPpm);
        int length = pos + CRC_BYTES;
        ensure(CRC_BYTES);
        putInt(0, length);
        putShort(4, cmd.type.code());
        putShort(6, FORMAT_VERSION);
        putLong(8, cmd.sequence);
        putLong(16, cmd.acceptedAtMillis);
        crc.reset();
        crc.update(buf, 0, pos);
        putInt(pos, (int) crc.getValue());
        buf = null;
        return length;
    }

    /**
     * Decodes one record from {@code src[offset, offset+length)} into {@code out} (reset first).
     *
     * @throws CorruptRecordException when the length, CRC, version, type or any field is wrong
     */
    public void decode(byte[] src, int offset, int length, Command out) {
        buf = src;
        try {
            CommandType type = header(offset, length);
            out.reset();
            out.type = type;
            out.sequence = getLong(offset + 8);
            out.acceptedAtMillis = getLong(offset + 16);
            readFields(offset + HEADER_BYTES, offset + length - CRC_BYTES, out, true);
        } finally {
            buf = null;
        }
    }

    /**
     * Checks one record exactly as {@link #decode} does (length, CRC, version, type, every field and
     * its UTF-8) without building it: nothing is allocated unless a text field is not ASCII.
     *
     * @return the record's sequence
     * @throws CorruptRecordException when {@link #decode} would refuse the record
     */
    public long check(byte[] src, int offset, int length) {
        if (checked == null) {
            checked = new Command();
        }
        buf = src;
        try {
            header(offset, length);
            readFields(offset + HEADER_BYTES, offset + length - CRC_BYTES, checked.reset(), false);
            return getLong(offset + 8);
        } finally {
            buf = null;
        }
    }

    /** Checks a record's length, CRC, version and type; {@link #buf} is the source. */
    private CommandType header(int offset, int length) {
        if (length < HEADER_BYTES + CRC_BYTES || length > RECORD_BYTES_MAX) {
            throw new CorruptRecordException("record length " + length + " out of range");
        }
        int declared = getInt(offset);
        if (declared != length) {
            throw new CorruptRecordException("record says " + declared + " bytes but holds " + length);
        }
        crc.reset();
        crc.update(buf, offset, length - CRC_BYTES);
        int stored = getInt(offset + length - CRC_BYTES);
        if (stored != (int) crc.getValue()) {
            throw new CorruptRecordException("CRC32C mismatch");
        }
        int version = getShort(offset + 6);
        if (version != FORMAT_VERSION) {
            throw new CorruptRecordException("unknown record format version " + version);
        }
        CommandType type = CommandType.ofCode(getShort(offset + 4));
        if (type == null || type.isQuery()) {
            throw new CorruptRecordException("unknown command type " + getShort(offset + 4));
        }
        return type;
    }

    /** Decodes from a byte buffer's remaining bytes (copies them once). */
    public void decode(ByteBuffer src, Command out) {
        byte[] copy = new byte[src.remaining()];
        src.get(copy);
        decode(copy, 0, copy.length, out);
    }

    /** Reads the fields into {@code out}; {@code build} false only checks text (numbers are still set). */
    private void readFields(int from, int end, Command out, boolean build) {
        int p = from;
        while (p < end) {
            int tag = buf[p++] & 0xFF;
            if (isNumberTag(tag)) {
                require(p + 8 <= end, tag);
                long v = getLong(p);
                p += 8;
                setNumber(tag, v, out);
            } else {
                require(p + 2 <= end, tag);
                int len = getShort(p);
                p += 2;
                require(p + len <= end, tag);
                if (tag == T_PUBLIC_KEY_DER) {
                    if (build) {
                        out.publicKeyDer = Arrays.copyOfRange(buf, p, p + len);
                    }
                } else if (!build) {
                    checkText(p, len);
                    setText(tag, null, out); // refuses an unknown tag as decode does
                } else if (sharedText != null && isSharedTag(tag) && len <= SHARED_TEXT_BYTES_MAX) {
                    setText(tag, shared(p, len), out);
                } else {
                    setText(tag, utf8(p, len), out);
                }
                p += len;
            }
        }
    }

    /** Text fields whose values repeat across commands (see {@link #sharingText()}). */
    private static boolean isSharedTag(int tag) {
        return switch (tag) {
            case T_MCHID, T_APPID, T_SP_MCHID, T_SUB_APPID, T_OPENID, T_DESCRIPTION, T_NOTIFY_URL, T_GOODS_TAG,
                    T_DEVICE_ID, T_PAYER_CLIENT_IP, T_STORE_ID -> true;
            default -> false;
        };
    }

    /**
     * The string of {@code buf[p, p+len)}: the table's instance when the slot its bytes hash to holds
     * the same bytes, else a new one that takes the slot. Equal bytes make an equal string, so sharing
     * never changes what a command says.
     */
    private String shared(int p, int len) {
        int slot = hashBytes(p, len) & (SHARED_TEXT_SLOTS - 1);
        byte[] known = sharedBytes[slot];
        if (known != null && Arrays.equals(known, 0, known.length, buf, p, p + len)) {
            return sharedText[slot];
        }
        String s = utf8(p, len);
        sharedBytes[slot] = Arrays.copyOfRange(buf, p, p + len);
        sharedText[slot] = s;
        return s;
    }

    private int hashBytes(int p, int len) {
        long h = len;
        int i = p;
        int end = p + len;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ (long) LONG_LE.get(buf, i)) * 0x9E3779B97F4A7C15L;
        }
        for (; i < end; i++) {
            h = (h ^ buf[i]) * 0x9E3779B97F4A7C15L;
        }
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    private static boolean isNumberTag(int tag) {
        return tag == T_TRADE_TYPE || tag == T_TIME_EXPIRE || tag == T_AMOUNT || tag == T_TOTAL
                || tag == T_FEE_RATE || tag == T_FLAGS || tag == T_DEADLINE || tag == T_COMMISSION;
    }

    private static void setNumber(int tag, long v, Command out) {
        switch (tag) {
            case T_TRADE_TYPE -> {
                out.tradeType = TradeType.ofCode(v);
                if (out.tradeType == null) {
                    throw new CorruptRecordException("unknown trade type " + v);
                }
            }
            case T_TIME_EXPIRE -> out.timeExpireMillis = v;
            case T_AMOUNT -> out.amountFen = v;
            case T_TOTAL -> out.totalFen = v;
            case T_FEE_RATE -> out.feeRatePpm = v;
            case T_FLAGS -> out.flags = v;
            case T_DEADLINE -> out.deadlineMillis = v;
            case T_COMMISSION -> out.commissionPpm = v;
            default -> throw new CorruptRecordException("unknown field tag " + tag);
        }
    }

    private static void setText(int tag, String v, Command out) {
        switch (tag) {
            case T_MCHID -> out.mchid = v;
            case T_APPID -> out.appid = v;
            case T_OUT_TRADE_NO -> out.outTradeNo = v;
            case T_TRANSACTION_ID -> out.transactionId = v;
            case T_OUT_REFUND_NO -> out.outRefundNo = v;
            case T_OPENID -> out.openid = v;
            case T_DESCRIPTION -> out.description = v;
            case T_ATTACH -> out.attach = v;
            case T_NOTIFY_URL -> out.notifyUrl = v;
            case T_GOODS_TAG -> out.goodsTag = v;
            case T_DEVICE_ID -> out.deviceId = v;
            case T_PAYER_CLIENT_IP -> out.payerClientIp = v;
            case T_STORE_ID -> out.storeId = v;
            case T_TOKEN -> out.token = v;
            case T_REASON -> out.reason = v;
            case T_NAME -> out.name = v;
            case T_SERIAL_NO -> out.serialNo = v;
            case T_SECRET -> out.secret = v;
            case T_SECRET2 -> out.secret2 = v;
            case T_SP_MCHID -> out.spMchid = v;
            case T_SUB_APPID -> out.subAppid = v;
            default -> throw new CorruptRecordException("unknown field tag " + tag);
        }
    }

    private static void require(boolean ok, int tag) {
        if (!ok) {
            throw new CorruptRecordException("field tag " + tag + " runs past the record end");
        }
    }

    private String utf8(int p, int len) {
        if (isAscii(p, len)) {
            // most fields are ASCII ids: one copy into a compact string, no decoder buffers
            return new String(buf, p, len, StandardCharsets.ISO_8859_1);
        }
        CharBuffer decoded = decodeUtf8(p, len);
        return new String(decoded.array(), 0, decoded.position());
    }

    /** Refuses what {@link #utf8} refuses, building no string. */
    private void checkText(int p, int len) {
        if (!isAscii(p, len)) {
            decodeUtf8(p, len);
        }
    }

    private boolean isAscii(int p, int len) {
        for (int i = p, end = p + len; i < end; i++) {
            if (buf[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes {@code buf[p, p+len)} as strict UTF-8 into the reused {@link #chars} (position = the
     * char count): malformed input, encoded surrogates and overlong forms are refused.
     */
    private CharBuffer decodeUtf8(int p, int len) {
        if (utf8In == null || utf8In.array() != buf) {
            utf8In = ByteBuffer.wrap(buf);
        }
        if (chars == null || chars.capacity() < len) {
            chars = CharBuffer.allocate(Math.max(len, 256)); // UTF-8 never takes fewer bytes than UTF-16 chars
        }
        utf8In.limit(p + len).position(p);
        chars.clear();
        utf8.reset();
        CoderResult r = utf8.decode(utf8In, chars, true);
        if (!r.isUnderflow() || !(r = utf8.flush(chars)).isUnderflow()) {
            throw new CorruptRecordException("field is not valid UTF-8");
        }
        return chars;
    }

    private void text(int tag, String s) {
        if (s == null) {
            return;
        }
        ensure(3);
        buf[pos] = (byte) tag;
        int lenAt = pos + 1;
        pos += 3;
        int start = pos;
        int n = s.length();
        // the ASCII run first (most fields are all ASCII), in locals and with one bound for the run;
        // the loop below takes over at the first other char, or at a char that does not fit
        byte[] b = buf;
        int p = pos;
        int i = 0;
        for (int fits = Math.min(n, Math.min(b.length, RECORD_BYTES_MAX) - p); i < fits; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            b[p++] = (byte) c;
        }
        pos = p;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                ensure(1);
                buf[pos++] = (byte) c;
            } else if (c < 0x800) {
                ensure(2);
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new IllegalArgumentException("lone surrogate in field tag " + tag);
                }
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensure(4);
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                ensure(3);
                buf[pos++] = (byte) (0xE0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        int len = pos - start;
        if (len > FIELD_BYTES_MAX) {
            throw new IllegalArgumentException("field tag " + tag + " is " + len + " bytes, more than " + FIELD_BYTES_MAX);
        }
        putShort(lenAt, len);
    }

    private void bytes(int tag, byte[] b) {
        if (b == null) {
            return;
        }
        if (b.length > FIELD_BYTES_MAX) {
            throw new IllegalArgumentException("field tag " + tag + " is too long");
        }
        ensure(3 + b.length);
        buf[pos] = (byte) tag;
        putShort(pos + 1, b.length);
        System.arraycopy(b, 0, buf, pos + 3, b.length);
        pos += 3 + b.length;
    }

    private void number(int tag, long v) {
        if (v == 0) {
            return;
        }
        ensure(9);
        buf[pos] = (byte) tag;
        putLong(pos + 1, v);
        pos += 9;
    }

    private void ensure(int n) {
        if (pos + n > buf.length || pos + n > RECORD_BYTES_MAX) {
            throw new IllegalArgumentException("command does not fit in a record of " + Math.min(buf.length, RECORD_BYTES_MAX) + " bytes");
        }
    }

    private void putShort(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
    }

    private void putInt(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
        buf[at + 2] = (byte) (v >>> 16);
        buf[at + 3] = (byte) (v >>> 24);
    }

    private void putLong(int at, long v) {
        putInt(at, (int) v);
        putInt(at + 4, (int) (v >>> 32));
    }

    private int getShort(int at) {
        return (buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8;
    }

    private int getInt(int at) {
        return (buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8 | (buf[at + 2] & 0xFF) << 16 | (buf[at + 3] & 0xFF) << 24;
    }

    private long getLong(int at) {
        return (getInt(at) & 0xFFFFFFFFL) | ((long) getInt(at + 4)) << 32;
    }
}
