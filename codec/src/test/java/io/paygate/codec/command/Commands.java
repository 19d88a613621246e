package io.paygate.codec.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/** Sample commands, record surgery and a field-by-field comparison shared by the codec tests. */
final class Commands {

    private static final List<Field> INSTANCE_FIELDS = instanceFields();

    private Commands() {
    }

    /**
     * A command with every field set to a non-null, non-zero value: Chinese text, 4-byte UTF-8
     * (emoji and a CJK Extension B ideograph), a DER-like key with every byte value.
     */
    static Command full(CommandType type, TradeType tradeType) {
        Command c = new Command();
        c.type = type;
        c.sequence = 1_234_567_890_123L;
        c.acceptedAtMillis = 1_528_425_296_789L;
        c.mchid = "1230000109";
        c.appid = "wxd678efh567hg6787";
        c.outTradeNo = "1217752501201407033233368018";
        c.transactionId = "4200000000000000000000000001";
        c.outRefundNo = "R|2018*06-08_x@1";
        c.openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
        c.tradeType = tradeType;
        c.description = "Image形象店-深圳腾大-QQ公仔";
        c.attach = "红包🧧 and 💰, ok";
        c.notifyUrl = "https://www.weixin.qq.com/wxpay/pay.php";
        c.goodsTag = "WXG";
        c.timeExpireMillis = 1_528_432_496_000L;
        c.deadlineMillis = 1_528_425_341_789L;
        c.amountFen = 100;
        c.totalFen = 88_888;
        c.deviceId = "013467007045764";
        c.payerClientIp = "2001:db8::1";
        c.storeId = "0001";
        c.token = "wx201410272009395522657a690389285100";
        c.reason = "商品已售完 😢";
        c.name = "吉田 𠮷野家";
        c.serialNo = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
        c.publicKeyDer = everyByteValue();
        c.secret = "a9f8e7d6c5b4a3928170f1e2d3c4b5a6";
        c.secret2 = "密钥v2-😀-0123456789abcdef";
        c.feeRatePpm = 6_000;
        c.spMchid = "1900000100";
        c.subAppid = "wx8888888888888888";
        c.commissionPpm = 200_000;
        c.flags = Command.FLAG_SUPPORT_FAPIAO | Command.FLAG_PROFIT_SHARING;
        return c;
    }

    /** Only the type: every other field null or 0. */
    static Command minimal(CommandType type) {
        Command c = new Command();
        c.type = type;
        return c;
    }

    static byte[] everyByteValue() {
        byte[] b = new byte[300];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    static List<CommandType> journaledTypes() {
        List<CommandType> types = new ArrayList<>();
        for (CommandType t : CommandType.values()) {
            if (!t.isQuery()) {
                types.add(t);
            }
        }
        return types;
    }

    static List<CommandType> queryTypes() {
        List<CommandType> types = new ArrayList<>();
        for (CommandType t : CommandType.values()) {
            if (t.isQuery()) {
                types.add(t);
            }
        }
        return types;
    }

    /** Every instance field of {@link Command}, so a field added later is compared without edits here. */
    static List<Field> instanceFields() {
        List<Field> fields = new ArrayList<>();
        for (Field f : Command.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.add(f);
            }
        }
        return fields;
    }

    /**
     * Compares every field, byte arrays by content, "" apart from null. A cheap reflective check
     * runs first; AssertJ's recursive comparison, which names the differing field, runs only on a
     * mismatch (it is slow enough to dominate the randomized test).
     */
    static void assertSameFields(Command actual, Command expected, String description) {
        boolean same = true;
        for (Field f : INSTANCE_FIELDS) {
            same &= Objects.deepEquals(valueOf(f, actual), valueOf(f, expected));
        }
        if (!same) {
            assertThat(actual).as(description).usingRecursiveComparison().isEqualTo(expected);
            throw new AssertionError(description + ": fields differ but the recursive comparison saw none");
        }
    }

    static Object valueOf(Field f, Command c) {
        try {
            return f.get(c);
        } catch (IllegalAccessException e) {
            throw new AssertionError(f.getName(), e);
        }
    }

    static ByteBuffer le(byte[] record) {
        return ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The header's length field. */
    static int declaredLength(byte[] record) {
        return le(record).getInt(0);
    }

    /**
     * Writes the length field and a fresh CRC so that a deliberately altered record passes the
     * length and CRC checks and a later check is the one that fires.
     */
    static byte[] reseal(byte[] record) {
        ByteBuffer b = le(record);
        b.putInt(0, record.length);
        b.putInt(record.length - CommandCodec.CRC_BYTES, crc32c(record, record.length - CommandCodec.CRC_BYTES));
        return record;
    }

    static int crc32c(byte[] b, int length) {
        CRC32C crc = new CRC32C();
        crc.update(b, 0, length);
        return (int) crc.getValue();
    }

    /**
     * A record of {@code type} whose field area is exactly {@code fields}, with a valid length and
     * CRC: lets a test hand-craft what the encoder would never write.
     */
    static byte[] sealedRecord(int typeCode, int version, byte[] fields) {
        byte[] record = new byte[CommandCodec.HEADER_BYTES + fields.length + CommandCodec.CRC_BYTES];
        ByteBuffer b = le(record);
        b.putShort(4, (short) typeCode);
        b.putShort(6, (short) version);
        b.putLong(8, 7L);
        b.putLong(16, 1_700_000_000_000L);
        System.arraycopy(fields, 0, record, CommandCodec.HEADER_BYTES, fields.length);
        return reseal(record);
    }

    /** u8 tag, u16 length, bytes: a text or bytes field. */
    static byte[] lengthPrefixedField(int tag, int declaredLength, byte[] content) {
        ByteBuffer b = ByteBuffer.allocate(3 + content.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) tag).putShort((short) declaredLength).put(content);
        return b.array();
    }

    /** u8 tag, 8 bytes: a number field. */
    static byte[] numberField(int tag, long value) {
        return ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put((byte) tag).putLong(value).array();
    }
}
