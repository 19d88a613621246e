package io.paygate.gateway.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import io.paygate.codec.command.TradeType;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flat structs are copied field by field by hand: a field added later and forgotten in
 * {@code copyFrom} or {@code reset} would silently lose data (a result view missing a state, a
 * recorded command missing a term). Every public field is filled with a distinct non-default value
 * and must survive the copy (and be cleared by reset).
 */
class StructCopyTest {

    /** Sets every public instance field to a distinct non-default value. */
    static <T> T filled(T o) {
        int n = 1;
        for (Field f : Fields.of(o.getClass())) {
            n++;
            try {
                Class<?> t = f.getType();
                if (t == long.class) {
                    f.setLong(o, 1000L + n);
                } else if (t == int.class) {
                    f.setInt(o, 1000 + n);
                } else if (t == boolean.class) {
                    f.setBoolean(o, true);
                } else if (t == String.class) {
                    f.set(o, "v" + n);
                } else if (t == byte[].class) {
                    f.set(o, new byte[] {(byte) n});
                } else if (t == CommandType.class) {
                    f.set(o, CommandType.CODEPAY);
                } else if (t == TradeType.class) {
                    f.set(o, TradeType.MICROPAY);
                } else if (t == TradeState.class) {
                    f.set(o, TradeState.REVOKED);
                } else if (t == RefundStatus.class) {
                    f.set(o, RefundStatus.SUCCESS);
                } else if (t == ResultCode.class) {
                    f.set(o, ResultCode.REFUND_LIMIT);
                } else if (t == PayerStatus.class) {
                    f.set(o, PayerStatus.FROZEN);
                } else if (t == EventType.class) {
                    f.set(o, EventType.REFUND_CLOSED);
                } else if (t == Event[].class) {
                    f.set(o, new Event[] {new Event()});
                } else if (!java.lang.reflect.Modifier.isFinal(f.getModifiers())) {
                    throw new AssertionError("no test value for " + f);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return o;
    }

    @Test
    void commandCopyFromCopiesEveryField() {
        Command src = filled(new Command());
        assertThat(Fields.differences(src, new Command().copyFrom(src))).isEmpty();
    }

    @Test
    void commandResetClearsEveryField() {
        assertThat(Fields.differences(new Command(), filled(new Command()).reset())).isEmpty();
    }

    @Test
    void orderCopyFromCopiesEveryField() {
        Order src = filled(new Order());
        assertThat(Fields.differences(src, new Order().copyFrom(src))).isEmpty();
    }

    @Test
    void refundCopyFromCopiesEveryField() {
        Refund src = filled(new Refund());
        assertThat(Fields.differences(src, new Refund().copyFrom(src))).isEmpty();
    }

    @Test
    void matchResultResetClearsEverythingButTheReusedViews() {
        MatchResult r = filled(new MatchResult());
        r.reset();
        List<String> left = Fields.differences(new MatchResult(), r);
        // the pre-allocated order, refund and event views are reused, not cleared; hasOrder, hasRefund and
        // eventCount say whether they count
        assertThat(left).allMatch(d -> d.startsWith("order:") || d.startsWith("refund:") || d.startsWith("events:"));
        assertThat(r.hasOrder).isFalse();
        assertThat(r.hasRefund).isFalse();
    }
}
