package io.paygate.codec.command;

import static io.paygate.codec.command.Commands.assertSameFields;
import static io.paygate.codec.command.Commands.declaredLength;
import static io.paygate.codec.command.Commands.lengthPrefixedField;
import static io.paygate.codec.command.Commands.numberField;
import static io.paygate.codec.command.Commands.sealedRecord;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests of the journal record: round trips, the drawn layout, and every refusal. */
class CommandCodecTest {

    private static final int TAG_MCHID = 1;
    private static final int TAG_TRADE_TYPE = 7;
    private static final int TAG_DESCRIPTION = 8;

    private final CommandCodec codec = new CommandCodec();
    private final CommandCodec sharing = new CommandCodec().sharingText();
    private final byte[] buf = new byte[CommandCodec.RECORD_BYTES_MAX];

    static List<CommandType> journaledTypes() {
        return Commands.journaledTypes();
    }

    static List<CommandType> queryTypes() {
        return Commands.queryTypes();
    }

    private byte[] encode(Command c) {
        int length = codec.encode(c, buf);
        return Arrays.copyOf(buf, length);
    }

    /**
     * Decodes with {@link #codec}, and checks that {@link CommandCodec#check} and a text-sharing
     * codec accept and refuse exactly the same records (with the same message) and decode the same.
     */
    private Command decode(byte[] record) {
        Command out = new Command();
        String refused = refusal(() -> codec.decode(record, 0, record.length, out));
        long[] sequence = {-1};
        String checkRefused = refusal(() -> sequence[0] = codec.check(record, 0, record.length));
        Command shared = new Command();
        String sharedRefused = refusal(() -> sharing.decode(record, 0, record.length, shared));
        assertThat(checkRefused).as("check agrees with decode").isEqualTo(refused);
        assertThat(sharedRefused).as("a sharing codec agrees with decode").isEqualTo(refused);
        if (refused != null) {
            throw new CorruptRecordException(refused);
        }
        assertThat(sequence[0]).as("check returns the sequence").isEqualTo(out.sequence);
        assertSameFields(shared, out, "decoded by a sharing codec");
        return out;
    }

    /** The message a refused decode threw, or null when it was accepted. */
    private static String refusal(Runnable decode) {
        try {
            decode.run();
            return null;
        } catch (CorruptRecordException e) {
            return e.getMessage();
        }
    }

    // ---- round trips --------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("journaledTypes")
    void fullCommandRoundTripsForEveryJournaledTypeAndTradeType(CommandType type) {
        for (TradeType tradeType : TradeType.values()) {
            Command in = Commands.full(type, tradeType);
            Command out = decode(encode(in));
            assertSameFields(out, in, type + "/" + tradeType);
            assertThat(out.publicKeyDer).isNotSameAs(in.publicKeyDer);
        }
    }

    @Test
    void fullSampleSetsEveryField() {
        // Guards the round trip above: a field added to Command later must be added to the sample.
        Command c = Commands.full(CommandType.CREATE_ORDER, TradeType.NATIVE);
        for (var f : Commands.instanceFields()) {
            Object v = Commands.valueOf(f, c);
            assertThat(v).as(f.getName()).isNotNull();
            if (v instanceof Long n) {
                assertThat(n).as(f.getName()).isNotZero();
            }
        }
        assertThat(c.attach.codePointCount(0, c.attach.length())).isLessThan(c.attach.length());
        assertThat(c.name.codePointCount(0, c.name.length())).isLessThan(c.name.length());
    }

    @ParameterizedTest
    @MethodSource("journaledTypes")
    void minimalCommandRoundTrips(CommandType type) {
        Command in = Commands.minimal(type);
        byte[] record = encode(in);
        assertThat(record).hasSize(CommandCodec.HEADER_BYTES + CommandCodec.CRC_BYTES);
        assertSameFields(decode(record), in, type.name());
    }

    @Test
    void emptyTextAndEmptyKeyStayEmptyNotNull() {
        Command in = Commands.minimal(CommandType.PROVISION_MERCHANT);
        in.mchid = "";
        in.publicKeyDer = new byte[0];
        Command out = decode(encode(in));
        assertThat(out.mchid).isEmpty();
        assertThat(out.publicKeyDer).isEmpty();
        assertThat(out.appid).isNull();
    }

    @Test
    void extremeNumbersRoundTrip() {
        Command in = Commands.minimal(CommandType.CREATE_REFUND);
        in.sequence = Long.MAX_VALUE;
        in.acceptedAtMillis = Long.MIN_VALUE;
        in.amountFen = -1;
        in.totalFen = Long.MAX_VALUE;
        in.timeExpireMillis = Long.MIN_VALUE;
        in.feeRatePpm = 0xFF00FF00FF00FF00L;
        in.flags = -1L;
        assertSameFields(decode(encode(in)), in, "extremes");
    }

    @Test
    void decodeResetsFieldsTheRecordDoesNotCarry() {
        Command out = new Command();
        byte[] full = encode(Commands.full(CommandType.CREATE_ORDER, TradeType.JSAPI));
        codec.decode(full, 0, full.length, out);
        byte[] minimal = encode(Commands.minimal(CommandType.TICK));
        codec.decode(minimal, 0, minimal.length, out);
        assertSameFields(out, Commands.minimal(CommandType.TICK), "reused struct");
    }

    @Test
    void decodesAtAnOffsetInsideALargerArray() {
        Command in = Commands.full(CommandType.PAY_ORDER, TradeType.APP);
        byte[] record = encode(in);
        byte[] framed = new byte[record.length + 41];
        Arrays.fill(framed, (byte) 0x5A);
        System.arraycopy(record, 0, framed, 17, record.length);
        Command out = new Command();
        codec.decode(framed, 17, record.length, out);
        assertSameFields(out, in, "offset 17");
    }

    @Test
    void decodesFromTheRemainingBytesOfHeapAndDirectBuffers() {
        Command in = Commands.full(CommandType.CODEPAY, TradeType.MICROPAY);
        byte[] record = encode(in);

        ByteBuffer heap = ByteBuffer.allocate(record.length + 10);
        heap.position(4);
        heap.put(record);
        heap.flip().position(4);
        Command fromHeap = new Command();
        codec.decode(heap, fromHeap);
        assertSameFields(fromHeap, in, "heap buffer");
        assertThat(heap.remaining()).isZero();

        ByteBuffer direct = ByteBuffer.allocateDirect(record.length);
        direct.put(record).flip();
        Command fromDirect = new Command();
        codec.decode(direct, fromDirect);
        assertSameFields(fromDirect, in, "direct buffer");
    }

    // ---- layout -------------------------------------------------------------------------------

    @Test
    void encodeIsDeterministicAndWritesOnlyTheRecord() {
        Command in = Commands.full(CommandType.CREATE_REFUND, TradeType.MWEB);
        byte[] a = new byte[4096];
        byte[] b = new byte[4096];
        Arrays.fill(a, (byte) 0x11);
        Arrays.fill(b, (byte) 0xEE);
        int lengthA = codec.encode(in, a);
        int lengthB = new CommandCodec().encode(in, b);
        int lengthAgain = codec.encode(in, a);

        assertThat(lengthB).isEqualTo(lengthA);
        assertThat(lengthAgain).isEqualTo(lengthA);
        assertThat(Arrays.copyOf(b, lengthB)).isEqualTo(Arrays.copyOf(a, lengthA));
        for (int i = lengthA; i < a.length; i++) {
            assertThat(a[i]).as("byte %d past the record", i).isEqualTo((byte) 0x11);
            assertThat(b[i]).as("byte %d past the record", i).isEqualTo((byte) 0xEE);
        }
    }

    @Test
    void recordLengthEqualsTheHeaderLengthField() {
        for (Command c : List.of(Commands.minimal(CommandType.TICK),
                Commands.full(CommandType.CREATE_ORDER, TradeType.NATIVE))) {
            int length = codec.encode(c, buf);
            assertThat(declaredLength(buf)).isEqualTo(length);
        }
    }

    @Test
    void recordMatchesTheDrawnLayoutByteForByte() {
        Command in = Commands.full(CommandType.CREATE_ORDER, TradeType.JSAPI);
        assertThat(encode(in)).isEqualTo(ReferenceEncoder.encode(in));
        Command min = Commands.minimal(CommandType.CLOSE_ORDER);
        assertThat(encode(min)).isEqualTo(ReferenceEncoder.encode(min));
    }

    @Test
    void textIsStandardUtf8IncludingFourByteSequences() {
        Command in = Commands.minimal(CommandType.CREATE_ORDER);
        in.description = "\u0000\u007F\u0080\u07FF\u0800支\uFFFF\uD83E\uDDE7\uDBFF\uDFFF";
        byte[] record = encode(in);
        byte[] expected = in.description.getBytes(UTF_8);
        ByteBuffer b = Commands.le(record);
        assertThat(record[CommandCodec.HEADER_BYTES]).isEqualTo((byte) TAG_DESCRIPTION);
        assertThat(b.getShort(CommandCodec.HEADER_BYTES + 1) & 0xFFFF).isEqualTo(expected.length);
        assertThat(Arrays.copyOfRange(record, CommandCodec.HEADER_BYTES + 3, CommandCodec.HEADER_BYTES + 3 + expected.length))
                .isEqualTo(expected);
        assertThat(decode(record).description).isEqualTo(in.description);
    }

    @Test
    void typeAndTradeTypeCodesNeverChangeMeaning() {
        // The codes are in every journal ever written: this pins them.
        int[] expected = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 100, 101, 102, 103};
        CommandType[] types = CommandType.values();
        assertThat(types).hasSize(expected.length);
        for (int i = 0; i < types.length; i++) {
            assertThat(types[i].code()).as(types[i].name()).isEqualTo(expected[i]);
            assertThat(CommandType.ofCode(types[i].code())).isSameAs(types[i]);
            assertThat(types[i].isQuery()).as(types[i].name()).isEqualTo(expected[i] >= 100);
        }
        assertThat(TradeType.values()).extracting(TradeType::code).containsExactly(1, 2, 3, 4, 5);
        for (TradeType t : TradeType.values()) {
            assertThat(TradeType.ofCode(t.code())).isSameAs(t);
        }
        assertThat(CommandType.ofCode(0)).isNull();
        assertThat(CommandType.ofCode(-1)).isNull();
        assertThat(CommandType.ofCode(128)).isNull();
        assertThat(CommandType.ofCode(65_535)).isNull();
        assertThat(TradeType.ofCode(0)).isNull();
        assertThat(TradeType.ofCode(6)).isNull();
        assertThat(TradeType.ofCode(1L << 32 | 1)).isNull();
    }

    // ---- shared text (replay) -----------------------------------------------------------------

    @Test
    void sharingCodecHandsOutOneInstanceForRepeatedValuesOnly() {
        Command in = Commands.full(CommandType.CREATE_ORDER, TradeType.JSAPI);
        Command first = new Command();
        Command second = new Command();
        byte[] record = encode(in);
        sharing.decode(record, 0, record.length, first);
        sharing.decode(record, 0, record.length, second);
        assertSameFields(second, in, "second decode");
        assertThat(second.mchid).isSameAs(first.mchid);
        assertThat(second.appid).isSameAs(first.appid);
        assertThat(second.openid).isSameAs(first.openid);
        assertThat(second.description).isSameAs(first.description); // not ASCII
        assertThat(second.notifyUrl).isSameAs(first.notifyUrl);
        assertThat(second.spMchid).isSameAs(first.spMchid);
        assertThat(second.outTradeNo).isNotSameAs(first.outTradeNo);
        assertThat(second.token).isNotSameAs(first.token);
        assertThat(second.secret).isNotSameAs(first.secret);
        assertThat(second.publicKeyDer).isNotSameAs(first.publicKeyDer);
        Command plain = new Command();
        codec.decode(record, 0, record.length, plain);
        codec.decode(record, 0, record.length, second);
        assertThat(second.mchid).isNotSameAs(plain.mchid);
    }

    @Test
    void sharingCodecDecodesManyDistinctValuesThatCollideInItsTable() {
        // more values than the table has slots, of lengths around the sharing limit, each seen twice
        int values = CommandCodec.SHARED_TEXT_SLOTS * 3;
        Command in = Commands.minimal(CommandType.CREATE_ORDER);
        Command out = new Command();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < values; i++) {
                int length = CommandCodec.SHARED_TEXT_BYTES_MAX - 2 + i % 5;
                String v = "m" + i + "-" + "x".repeat(length);
                in.mchid = v.substring(0, length);
                in.description = "描述" + i;
                in.sequence = i + 1;
                byte[] record = encode(in);
                sharing.decode(record, 0, record.length, out);
                assertSameFields(out, in, "value " + i + " round " + round);
            }
        }
    }

    // ---- corruption ---------------------------------------------------------------------------

    @Test
    void everySingleBitFlipIsDetected() {
        byte[] record = encode(Commands.full(CommandType.CREATE_ORDER, TradeType.NATIVE));
        Command out = new Command();
        for (int bit = 0; bit < record.length * 8; bit++) {
            byte[] flipped = record.clone();
            flipped[bit >>> 3] ^= (byte) (1 << (bit & 7));
            int at = bit;
            assertThatThrownBy(() -> codec.decode(flipped, 0, flipped.length, out))
                    .as("bit %d of %d", at, record.length * 8)
                    .isInstanceOf(CorruptRecordException.class);
            assertThatThrownBy(() -> codec.check(flipped, 0, flipped.length))
                    .as("check, bit %d of %d", at, record.length * 8)
                    .isInstanceOf(CorruptRecordException.class);
        }
        codec.decode(record, 0, record.length, out);
        assertThat(out.outTradeNo).isEqualTo("1217752501201407033233368018");
    }

    @Test
    void everyTruncationIsDetected() {
        byte[] record = encode(Commands.full(CommandType.CREATE_REFUND, TradeType.JSAPI));
        Command out = new Command();
        for (int length = 0; length < record.length; length++) {
            int n = length;
            assertThatThrownBy(() -> codec.decode(record, 0, n, out))
                    .as("length %d of %d", n, record.length)
                    .isInstanceOf(CorruptRecordException.class);
            assertThatThrownBy(() -> codec.check(record, 0, n))
                    .as("check, length %d of %d", n, record.length)
                    .isInstanceOf(CorruptRecordException.class);
            byte[] cut = Arrays.copyOf(record, n);
            assertThatThrownBy(() -> codec.decode(cut, 0, cut.length, out))
                    .as("copy of length %d of %d", n, record.length)
                    .isInstanceOf(CorruptRecordException.class);
        }
    }

    @Test
    void lengthFieldDisagreeingWithTheRecordIsRefused() {
        byte[] record = encode(Commands.full(CommandType.TICK, TradeType.APP));
        Commands.le(record).putInt(0, record.length + 1);
        assertThatThrownBy(() -> decode(record))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("says");
    }

    @Test
    void recordLongerThanTheMaximumIsRefused() {
        byte[] huge = new byte[CommandCodec.RECORD_BYTES_MAX + 1];
        assertThatThrownBy(() -> decode(huge))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("out of range");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 255, 65_535})
    void wrongFormatVersionIsRefused(int version) {
        byte[] record = sealedRecord(CommandType.CREATE_ORDER.code(), version, new byte[0]);
        assertThatThrownBy(() -> decode(record))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("version " + version);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 50, 99, 104, 127, 128, 4_096, 65_535})
    void unknownTypeCodeIsRefused(int code) {
        byte[] record = sealedRecord(code, CommandCodec.FORMAT_VERSION, new byte[0]);
        assertThatThrownBy(() -> decode(record))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("unknown command type " + code);
    }

    @ParameterizedTest
    @MethodSource("queryTypes")
    void queryTypeCodeInARecordIsRefused(CommandType query) {
        byte[] record = sealedRecord(query.code(), CommandCodec.FORMAT_VERSION, new byte[0]);
        assertThatThrownBy(() -> decode(record))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("unknown command type " + query.code());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 99, 200, 255})
    void unknownFieldTagIsRefusedEvenWithAValidCrc(int tag) {
        byte[] record = sealedRecord(CommandType.CREATE_ORDER.code(), CommandCodec.FORMAT_VERSION,
                lengthPrefixedField(tag, 2, "ab".getBytes(UTF_8)));
        assertThatThrownBy(() -> decode(record))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("unknown field tag " + tag);
    }

    @Test
    void sealedRecordHelperBuildsWhatTheDecoderAccepts() {
        // Canary for the hand-crafted records above: with a known tag the same construction decodes.
        byte[] record = sealedRecord(CommandType.CREATE_ORDER.code(), CommandCodec.FORMAT_VERSION,
                lengthPrefixedField(TAG_MCHID, 2, "ab".getBytes(UTF_8)));
        Command out = decode(record);
        assertThat(out.type).isEqualTo(CommandType.CREATE_ORDER);
        assertThat(out.sequence).isEqualTo(7L);
        assertThat(out.acceptedAtMillis).isEqualTo(1_700_000_000_000L);
        assertThat(out.mchid).isEqualTo("ab");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 6, -1, 1L << 32 | 2})
    void unknownTradeTypeCodeIsRefused(long code) {
        byte[] record = sealedRecord(CommandType.CREATE_ORDER.code(), CommandCodec.FORMAT_VERSION,
                numberField(TAG_TRADE_TYPE, code));
        assertThatThrownBy(() -> decode(record))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("unknown trade type");
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[][] invalid = {
            {(byte) 0xC3, 0x28},                           // bad continuation byte
            {(byte) 0xC0, (byte) 0x80},                    // overlong NUL
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},       // an encoded lone surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0xE4, (byte) 0xB8},                    // truncated sequence
        };
        for (byte[] content : invalid) {
            byte[] record = sealedRecord(CommandType.CREATE_ORDER.code(), CommandCodec.FORMAT_VERSION,
                    lengthPrefixedField(TAG_DESCRIPTION, content.length, content));
            assertThatThrownBy(() -> decode(record))
                    .as(Arrays.toString(content))
                    .isInstanceOf(CorruptRecordException.class)
                    .hasMessageContaining("UTF-8");
        }
    }

    @Test
    void fieldRunningPastTheEndIsRefusedEvenWithAValidCrc() {
        byte[] longerThanContent = sealedRecord(CommandType.CREATE_ORDER.code(), CommandCodec.FORMAT_VERSION,
                lengthPrefixedField(TAG_MCHID, 10, "abc".getBytes(UTF_8)));
        byte[] lengthCutOff = sealedRecord(CommandType.CREATE_ORDER.code(), CommandCodec.FORMAT_VERSION,
                new byte[] {TAG_MCHID, 1});
        byte[] numberCutOff = sealedRecord(CommandType.CREATE_ORDER.code(), CommandCodec.FORMAT_VERSION,
                Arrays.copyOf(numberField(TAG_TRADE_TYPE, 1), 5));
        for (byte[] record : List.of(longerThanContent, lengthCutOff, numberCutOff)) {
            assertThatThrownBy(() -> decode(record))
                    .isInstanceOf(CorruptRecordException.class)
                    .hasMessageContaining("runs past the record end");
        }
    }

    // ---- encode refusals ----------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("queryTypes")
    void queryTypesAreNotEncoded(CommandType query) {
        Command c = Commands.full(query, TradeType.NATIVE);
        assertThatThrownBy(() -> codec.encode(c, buf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(query.name());
    }

    @Test
    void commandWithoutTypeIsNotEncoded() {
        Command c = Commands.full(CommandType.TICK, TradeType.NATIVE);
        c.type = null;
        assertThatThrownBy(() -> codec.encode(c, buf)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83D", "abc\uD83D", "\uD83Dx", "\uDE00", "a\uDE00\uD83Db", "\uDE00\uDE01", "\uD83D\uD83D\uDE00"})
    void loneSurrogateIsRefused(String text) {
        Command inDescription = Commands.full(CommandType.CREATE_ORDER, TradeType.NATIVE);
        inDescription.description = text;
        assertThatThrownBy(() -> codec.encode(inDescription, buf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("surrogate");

        Command inSecret = Commands.full(CommandType.PROVISION_MERCHANT, TradeType.NATIVE);
        inSecret.secret2 = "s3cr3t-" + text;
        assertThatThrownBy(() -> codec.encode(inSecret, buf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("surrogate")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void asciiRunsMixedWithOtherCharsEncodeAsStandardUtf8() {
        // the encoder copies ASCII runs on a fast path and hands over to the general loop at any
        // other char: every mix must still be exactly Java's UTF-8
        java.util.Random random = new java.util.Random(20261204);
        String[] pieces = {"a", "Z09-_/:.", "\u00E9", "支付", "\uD83D\uDE00", "\u007F", "\u0080", "\u07FF", "\u0800"};
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            Command in = Commands.minimal(CommandType.CREATE_ORDER);
            in.description = text.toString();
            byte[] record = encode(in);
            byte[] expected = in.description.getBytes(UTF_8);
            if (expected.length == 0) {
                continue;
            }
            ByteBuffer b = Commands.le(record);
            assertThat(b.getShort(CommandCodec.HEADER_BYTES + 1) & 0xFFFF).as(in.description).isEqualTo(expected.length);
            assertThat(Arrays.copyOfRange(record, CommandCodec.HEADER_BYTES + 3, CommandCodec.HEADER_BYTES + 3 + expected.length))
                    .as(in.description).isEqualTo(expected);
            assertThat(decode(record).description).isEqualTo(in.description);
        }
    }

    @Test
    void textOfExactly65535Utf8BytesIsAcceptedAndOneMoreIsRefused() {
        Command ascii = Commands.minimal(CommandType.CREATE_ORDER);
        ascii.description = "d".repeat(CommandCodec.FIELD_BYTES_MAX);
        assertThat(decode(encode(ascii)).description).isEqualTo(ascii.description);

        ascii.description = "d".repeat(CommandCodec.FIELD_BYTES_MAX + 1);
        assertThatThrownBy(() -> codec.encode(ascii, buf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65535");
    }

    @Test
    void fieldLimitCountsUtf8BytesNotChars() {
        Command chinese = Commands.minimal(CommandType.CREATE_ORDER);
        chinese.description = "中".repeat(21_845); // 65,535 bytes
        assertThat(decode(encode(chinese)).description).isEqualTo(chinese.description);

        chinese.description = "中".repeat(21_846); // 21,846 chars but 65,538 bytes
        assertThatThrownBy(() -> codec.encode(chinese, buf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65535");

        Command emoji = Commands.minimal(CommandType.CREATE_ORDER);
        emoji.attach = "😀".repeat(16_384); // 32,768 chars, 65,536 bytes
        assertThatThrownBy(() -> codec.encode(emoji, buf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65535");
    }

    @Test
    void keyOfExactly65535BytesIsAcceptedAndOneMoreIsRefused() {
        Command c = Commands.minimal(CommandType.PROVISION_MERCHANT);
        c.publicKeyDer = new byte[CommandCodec.FIELD_BYTES_MAX];
        Arrays.fill(c.publicKeyDer, (byte) 0x30);
        assertThat(decode(encode(c)).publicKeyDer).isEqualTo(c.publicKeyDer);

        c.publicKeyDer = new byte[CommandCodec.FIELD_BYTES_MAX + 1];
        assertThatThrownBy(() -> codec.encode(c, buf)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commandLargerThanTheRecordMaximumIsRefusedWhateverTheDestination() {
        Command c = Commands.minimal(CommandType.CREATE_ORDER);
        String big = "x".repeat(60_000);
        c.mchid = big;
        c.appid = big;
        c.description = big;
        c.attach = big;
        c.notifyUrl = big;
        byte[] roomy = new byte[2 * CommandCodec.RECORD_BYTES_MAX];
        assertThatThrownBy(() -> codec.encode(c, roomy))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(CommandCodec.RECORD_BYTES_MAX));
    }

    @Test
    void everyDestinationShorterThanTheRecordIsRefused() {
        Command c = Commands.full(CommandType.CREATE_ORDER, TradeType.NATIVE);
        int length = encode(c).length;
        for (int size = 0; size < length; size++) {
            byte[] small = new byte[size];
            assertThatThrownBy(() -> codec.encode(c, small))
                    .as("destination of %d bytes for a %d-byte record", size, length)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not fit");
        }
        assertThat(codec.encode(c, new byte[length])).isEqualTo(length);
        Command min = Commands.minimal(CommandType.TICK);
        for (int size = 0; size < CommandCodec.HEADER_BYTES + CommandCodec.CRC_BYTES; size++) {
            byte[] small = new byte[size];
            assertThatThrownBy(() -> codec.encode(min, small)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void codecStaysUsableAfterARefusedEncode() {
        Command bad = Commands.full(CommandType.CREATE_ORDER, TradeType.NATIVE);
        bad.reason = "\uD800";
        assertThatThrownBy(() -> codec.encode(bad, buf)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.encode(bad, new byte[10])).isInstanceOf(IllegalArgumentException.class);

        Command good = Commands.full(CommandType.CREATE_ORDER, TradeType.NATIVE);
        assertSameFields(decode(encode(good)), good, "after refusals");
    }

    @Test
    void corruptDecodeLeavesTheCodecUsable() {
        byte[] record = encode(Commands.full(CommandType.ISSUE_AUTH_CODE, TradeType.MICROPAY));
        byte[] broken = record.clone();
        broken[30] ^= 1;
        assertThatThrownBy(() -> decode(broken)).isInstanceOf(CorruptRecordException.class);
        assertSameFields(decode(record), Commands.full(CommandType.ISSUE_AUTH_CODE, TradeType.MICROPAY), "after corruption");
    }

    @ParameterizedTest
    @EnumSource(value = CommandType.class, names = {"TICK", "CREATE_ORDER"})
    void recordsOfDifferentTypesDifferOnlyInTheTypeCodeAndCrc(CommandType type) {
        byte[] a = encode(Commands.full(CommandType.CONFIRM_CODEPAY, TradeType.NATIVE));
        byte[] b = encode(Commands.full(type, TradeType.NATIVE));
        assertThat(b).hasSameSizeAs(a);
        assertThat(Commands.le(b).getShort(4)).isEqualTo((short) type.code());
        for (int i = CommandCodec.HEADER_BYTES; i < a.length - CommandCodec.CRC_BYTES; i++) {
            assertThat(b[i]).as("field byte %d", i).isEqualTo(a[i]);
        }
        assertThat(Arrays.copyOfRange(b, b.length - 4, b.length)).isNotEqualTo(Arrays.copyOfRange(a, a.length - 4, a.length));
    }

    /** An independent writer of the layout drawn in {@link CommandCodec}'s Javadoc, tag by tag. */
    private static final class ReferenceEncoder {
        private final ByteBuffer b = ByteBuffer.allocate(CommandCodec.RECORD_BYTES_MAX).order(ByteOrder.LITTLE_ENDIAN);

        static byte[] encode(Command c) {
            ReferenceEncoder e = new ReferenceEncoder();
            e.b.position(CommandCodec.HEADER_BYTES);
            e.text(1, c.mchid);
            e.text(2, c.appid);
            e.text(3, c.outTradeNo);
            e.text(4, c.transactionId);
            e.text(5, c.outRefundNo);
            e.text(6, c.openid);
            e.number(7, c.tradeType == null ? 0 : c.tradeType.code());
            e.text(8, c.description);
            e.text(9, c.attach);
            e.text(10, c.notifyUrl);
            e.text(11, c.goodsTag);
            e.number(12, c.timeExpireMillis);
            e.number(13, c.amountFen);
            e.number(14, c.totalFen);
            e.text(15, c.deviceId);
            e.text(16, c.payerClientIp);
            e.text(17, c.storeId);
            e.text(18, c.token);
            e.text(19, c.reason);
            e.text(20, c.name);
            e.text(21, c.serialNo);
            e.bytes(22, c.publicKeyDer);
            e.text(23, c.secret);
            e.text(24, c.secret2);
            e.number(25, c.feeRatePpm);
            e.number(26, c.flags);
            e.number(27, c.deadlineMillis);
            e.text(28, c.spMchid);
            e.text(29, c.subAppid);
            e.number(30, c.commissionPpm);
            int length = e.b.position() + CommandCodec.CRC_BYTES;
            e.b.putInt(0, length);
            e.b.putShort(4, (short) c.type.code());
            e.b.putShort(6, (short) CommandCodec.FORMAT_VERSION);
            e.b.putLong(8, c.sequence);
            e.b.putLong(16, c.acceptedAtMillis);
            byte[] record = Arrays.copyOf(e.b.array(), length);
            Commands.le(record).putInt(length - 4, Commands.crc32c(record, length - 4));
            return record;
        }

        private void text(int tag, String s) {
            if (s != null) {
                bytes(tag, s.getBytes(UTF_8));
            }
        }

        private void bytes(int tag, byte[] v) {
            if (v != null) {
                b.put((byte) tag).putShort((short) v.length).put(v);
            }
        }

        private void number(int tag, long v) {
            if (v != 0) {
                b.put((byte) tag).putLong(v);
            }
        }
    }
}
