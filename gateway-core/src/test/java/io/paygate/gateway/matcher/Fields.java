package io.paygate.gateway.matcher;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Reflection over the public instance fields of the flat structs (Command, Order, Refund, MatchResult). */
final class Fields {
    private Fields() {
    }

    static List<Field> of(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Field f : type.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.add(f);
            }
        }
        return fields;
    }

    static Object get(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names of the fields whose values differ (byte arrays by content); empty when equal. */
    static List<String> differences(Object a, Object b) {
        List<String> diff = new ArrayList<>();
        for (Field f : of(a.getClass())) {
            Object x = get(f, a);
            Object y = get(f, b);
            boolean same = x instanceof byte[] bx && y instanceof byte[] by ? Arrays.equals(bx, by) : Objects.equals(x, y);
            if (!same) {
                diff.add(f.getName() + ": " + render(x) + " vs " + render(y));
            }
        }
        return diff;
    }

    private static String render(Object v) {
        return v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v);
    }
}
