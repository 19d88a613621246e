package io.paygate.codec.command;

import static io.paygate.codec.command.Commands.assertSameFields;
import static io.paygate.codec.command.Commands.declaredLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Simulation tier: seeded random commands through encode, decode and re-encode, every field
 * compared. The seed is in every assertion message; rerun one with {@code -Dpaygate.seed=N}.
 */
class CommandCodecRandomRoundTripTest {

    private static final int COMMANDS = 5_000;
    private static final long FIXED_SEED = 0x5EED_C0DE_CAFEL;

    private static final List<CommandType> JOURNALED = Commands.journaledTypes();
    private static final int[] EDGE_CODE_POINTS = {
        0x0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x1F9E7, 0x20BB7, 0x10FFFF,
    };
    private static final long[] EDGE_LONGS = {
        Long.MIN_VALUE, Long.MAX_VALUE, -1, 1, 0xFF, 0x100, Integer.MAX_VALUE + 1L, 1L << 56, 0x8000_0000_0000_0001L,
    };

    @Test
    void fixedSeed() {
        roundTrip(FIXED_SEED);
    }

    @Test
    void freshSeed() {
        Long given = Long.getLong("paygate.seed");
        roundTrip(given != null ? given : new SplittableRandom().nextLong());
    }

    private static void roundTrip(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        CommandCodec writer = new CommandCodec();
        CommandCodec reader = new CommandCodec();
        byte[] first = new byte[CommandCodec.RECORD_BYTES_MAX];
        byte[] second = new byte[CommandCodec.RECORD_BYTES_MAX];
        Command out = new Command();
        for (int i = 0; i < COMMANDS; i++) {
            Command in = randomCommand(random);
            String where = "seed=" + seed + " command #" + i + " " + in;

            int length = writer.encode(in, first);
            assertThat(length).as(where).isBetween(CommandCodec.HEADER_BYTES + CommandCodec.CRC_BYTES,
                    CommandCodec.RECORD_BYTES_MAX);
            assertThat(declaredLength(first)).as(where).isEqualTo(length);

            reader.decode(first, 0, length, out);
            assertSameFields(out, in, where);

            int again = reader.encode(out, second);
            assertThat(again).as(where).isEqualTo(length);
            assertThat(Arrays.equals(first, 0, length, second, 0, length)).as(where + ": re-encoded bytes").isTrue();

            if (i % 16 == 0) {
                int bit = random.nextInt(length * 8);
                second[bit >>> 3] ^= (byte) (1 << (bit & 7));
                assertThatThrownBy(() -> reader.decode(second, 0, length, new Command()))
                        .as(where + " flipped bit " + bit)
                        .isInstanceOf(CorruptRecordException.class);
            }
        }
    }

    private static Command randomCommand(SplittableRandom r) {
        Command c = new Command();
        c.type = JOURNALED.get(r.nextInt(JOURNALED.size()));
        c.sequence = number(r);
        c.acceptedAtMillis = number(r);
        c.mchid = text(r);
        c.appid = text(r);
        c.outTradeNo = text(r);
        c.transactionId = text(r);
        c.outRefundNo = text(r);
        c.openid = text(r);
        int trade = r.nextInt(TradeType.values().length + 1);
        c.tradeType = trade == 0 ? null : TradeType.values()[trade - 1];
        c.description = text(r);
        c.attach = text(r);
        c.notifyUrl = text(r);
        c.goodsTag = text(r);
        c.timeExpireMillis = number(r);
        c.amountFen = number(r);
        c.totalFen = number(r);
        c.deviceId = text(r);
        c.payerClientIp = text(r);
        c.storeId = text(r);
        c.token = text(r);
        c.reason = text(r);
        c.name = text(r);
        c.serialNo = text(r);
        c.publicKeyDer = bytes(r);
        c.secret = text(r);
        c.secret2 = text(r);
        c.feeRatePpm = number(r);
        c.spMchid = text(r);
        c.subAppid = text(r);
        c.commissionPpm = number(r);
        c.flags = number(r);
        return c;
    }

    private static long number(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0, 1 -> 0;
            case 2 -> r.nextLong(1, 10_000_000);
            case 3 -> -r.nextLong(1, 1_000);
            case 4 -> EDGE_LONGS[r.nextInt(EDGE_LONGS.length)];
            default -> r.nextLong();
        };
    }

    /** Null, empty, short or (rarely) long; every UTF-8 width, never a lone surrogate. */
    private static String text(SplittableRandom r) {
        int kind = r.nextInt(10);
        if (kind < 3) {
            return null;
        }
        if (kind == 3) {
            return "";
        }
        int codePoints = r.nextInt(25) == 0 ? r.nextInt(40, 1_000) : r.nextInt(1, 40);
        StringBuilder sb = new StringBuilder(codePoints * 2);
        for (int i = 0; i < codePoints; i++) {
            sb.appendCodePoint(codePoint(r));
        }
        return sb.toString();
    }

    private static int codePoint(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0 -> r.nextInt(0x80);
            case 1 -> r.nextInt(0x80, 0x800);
            case 2 -> r.nextInt(0x4E00, 0xA000);
            case 3 -> bmpAboveTwoBytes(r);
            case 4 -> r.nextInt(0x1F300, 0x1FB00);
            case 5 -> r.nextInt(0x10000, 0x110000);
            case 6 -> EDGE_CODE_POINTS[r.nextInt(EDGE_CODE_POINTS.length)];
            default -> r.nextInt('0', 'z' + 1);
        };
    }

    private static int bmpAboveTwoBytes(SplittableRandom r) {
        int cp;
        do {
            cp = r.nextInt(0x800, 0x10000);
        } while (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
        return cp;
    }

    private static byte[] bytes(SplittableRandom r) {
        int kind = r.nextInt(10);
        if (kind < 4) {
            return null;
        }
        byte[] b = new byte[kind == 4 ? 0 : r.nextInt(1, 700)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }
}
