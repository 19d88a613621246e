package io.paygate.gateway.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.gateway.matcher.MatcherHarness.Mch;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replay checks compare {@link Matcher#stateHash()}, so a field the hash leaves out could differ
 * after a replay without anyone noticing. Every field of every object the matcher stores (merchant,
 * payer, pay code, order, refund; derived indexes excluded) is changed in turn, and the hash must
 * change with it.
 */
class StateHashTest {

    final MatcherHarness h = new MatcherHarness();
    final Commands c = h.cmds;

    @Test
    void everyStoredFieldIsInTheHash() throws IllegalAccessException {
        Mch m = h.merchant("1230000109");
        String payer = h.payer(100_000);
        h.paidOrder(m, "order-0001", 10_000, payer);
        h.apply(c.refund(m.mchid(), "order-0001", "refund-1", 3_000, 10_000));
        String code = h.authCode(payer);
        State s = h.probe.state();
        List<Object> stored = List.of(s.merchants.get(m.mchid()), s.payers.get(payer), s.authCodes.get(code),
                h.probe.order(m.mchid(), "order-0001"), h.probe.refund(m.mchid(), "refund-1"));
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Object o : stored) {
            for (Field f : o.getClass().getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || Map.class.isAssignableFrom(f.getType())
                        || Collection.class.isAssignableFrom(f.getType()) || f.getType() == StringIndex.class) {
                    continue; // constants and derived indexes
                }
                f.setAccessible(true);
                Object old = f.get(o);
                String before = h.matcher.stateHash();
                f.set(o, different(old, f.getType()));
                String after = h.matcher.stateHash();
                f.set(o, old);
                checked++;
                if (before.equals(after)) {
                    missing.add(o.getClass().getSimpleName() + "." + f.getName());
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(missing).as("fields the state hash does not cover").isEmpty();
    }

    @Test
    void clockSequenceAndLedgerAreInTheHash() {
        h.merchant("1230000109");
        String payer = h.payer(100);
        String before = h.matcher.stateHash();
        State s = h.probe.state();
        s.nowMillis++;
        assertThat(h.matcher.stateHash()).isNotEqualTo(before);
        s.nowMillis--;
        s.lastSequence++;
        assertThat(h.matcher.stateHash()).isNotEqualTo(before);
        s.lastSequence--;
        assertThat(h.matcher.stateHash()).isEqualTo(before);
        s.ledger.transfer(s.payers.get(payer).account, Ledger.FEE_INCOME_ACCOUNT, 1, s.lastSequence);
        assertThat(h.matcher.stateHash()).isNotEqualTo(before);
    }

    static Object different(Object old, Class<?> type) {
        if (type == long.class) {
            return (Long) old + 1;
        } else if (type == int.class) {
            return (Integer) old + 1;
        } else if (type == boolean.class) {
            return !(Boolean) old;
        } else if (type == String.class) {
            return old == null ? "x" : old + "x";
        } else if (type == byte[].class) {
            return old == null ? new byte[] {1} : new byte[((byte[]) old).length + 1];
        } else if (type.isEnum()) {
            Object[] values = type.getEnumConstants();
            return old == null ? values[0] : values[(((Enum<?>) old).ordinal() + 1) % values.length];
        }
        throw new AssertionError("no different value for " + type);
    }
}
