package io.paygate.codec.command;

import static io.paygate.codec.command.Commands.assertSameFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/** The reusable struct: reset and copy must cover every field, toString must not leak secrets. */
class CommandTest {

    @Test
    void resetClearsEveryField() {
        Command c = Commands.full(CommandType.PROVISION_MERCHANT, TradeType.JSAPI);
        assertThat(c.reset()).isSameAs(c);
        for (Field f : Commands.instanceFields()) {
            Object v = Commands.valueOf(f, c);
            if (f.getType().isPrimitive()) {
                assertThat(v).as(f.getName()).isEqualTo(0L);
            } else {
                assertThat(v).as(f.getName()).isNull();
            }
        }
    }

    @Test
    void copyFromCopiesEveryField() {
        Command src = Commands.full(CommandType.CREATE_REFUND, TradeType.MWEB);
        Command dst = Commands.full(CommandType.TICK, TradeType.APP);
        dst.mchid = "other";
        dst.flags = 0;
        assertThat(dst.copyFrom(src)).isSameAs(dst);
        assertSameFields(dst, src, "copy");

        dst.copyFrom(Commands.minimal(CommandType.TICK));
        assertSameFields(dst, Commands.minimal(CommandType.TICK), "copy of a minimal command");
    }

    @Test
    void fieldComparisonSeesEveryDifference() {
        // Canary: the comparison the round-trip tests rely on must fail on each kind of difference.
        Command a = Commands.full(CommandType.CREATE_ORDER, TradeType.NATIVE);
        for (Field f : Commands.instanceFields()) {
            Command b = new Command().copyFrom(a);
            mutate(f, b);
            assertThatThrownBy(() -> assertSameFields(b, a, f.getName()))
                    .as(f.getName())
                    .isInstanceOf(AssertionError.class);
        }
        Command emptyVsNull = new Command().copyFrom(a);
        emptyVsNull.mchid = "";
        Command nullMchid = new Command().copyFrom(a);
        nullMchid.mchid = null;
        assertThatThrownBy(() -> assertSameFields(emptyVsNull, nullMchid, "\"\" vs null"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void flagsAreDistinctBits() {
        Command c = new Command();
        c.flags = Command.FLAG_PROFIT_SHARING;
        assertThat(c.hasFlag(Command.FLAG_PROFIT_SHARING)).isTrue();
        assertThat(c.hasFlag(Command.FLAG_SUPPORT_FAPIAO)).isFalse();
        assertThat(Command.FLAG_SUPPORT_FAPIAO & Command.FLAG_PROFIT_SHARING).isZero();
    }

    @Test
    void toStringPrintsIdentifiersButNoSecrets() {
        Command c = Commands.full(CommandType.PROVISION_MERCHANT, TradeType.NATIVE);
        assertThat(c.toString())
                .contains("PROVISION_MERCHANT", c.mchid, c.outTradeNo)
                .doesNotContain(c.secret, c.secret2, c.token);
    }

    private static void mutate(Field f, Command c) {
        try {
            Class<?> t = f.getType();
            if (t == long.class) {
                f.setLong(c, f.getLong(c) + 1);
            } else if (t == String.class) {
                f.set(c, f.get(c) + "!");
            } else if (t == byte[].class) {
                byte[] copy = ((byte[]) f.get(c)).clone();
                copy[copy.length - 1] ^= 1;
                f.set(c, copy);
            } else if (t == CommandType.class) {
                f.set(c, c.type == CommandType.TICK ? CommandType.CLOSE_ORDER : CommandType.TICK);
            } else if (t == TradeType.class) {
                f.set(c, c.tradeType == TradeType.APP ? TradeType.JSAPI : TradeType.APP);
            } else {
                throw new AssertionError("no mutation for " + f.getName() + " of " + t);
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError(f.getName(), e);
        }
    }
}
