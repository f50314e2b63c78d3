package org.zonekeeper.api.config;

import java.lang.reflect.Array;
import java.util.Collection;

/**
 * Turns one raw Config Admin value into the type its key is declared with, accepting only what Felix SCR (2.2,
 * {@code Coercions}) converts without loss, so a value that passes here reaches the component as written. SCR parses
 * text with {@code Long.parseLong} and {@code Integer.parseInt}, untrimmed (and a .cfg file keeps the spaces after a
 * value): a value it cannot convert reaches the component as an exception thrown when the key is read. It turns
 * {@code yes} into false with {@code Boolean.parseBoolean}, and cuts a long into an int. Here each is a refusal:
 * {@code 'abc' is not a whole number}, {@code 'yes' is neither true nor false}.
 */
final class Conversion {

    private Conversion() {
    }

    /** The types a configuration key may be declared with. */
    static boolean supports(Class<?> type) {
        return type == String.class || type == long.class || type == int.class || type == boolean.class
                || type == double.class;
    }

    /** {@code raw} as {@code type}; an {@link IllegalArgumentException} whose message is the one-line refusal. */
    static Object convert(Object raw, Class<?> type) {
        Object value = single(raw);
        if (type == String.class) {
            return value.toString();
        }
        if (type == boolean.class) {
            return bool(value);
        }
        if (type == double.class) {
            return decimal(value);
        }
        long whole = whole(value);
        return type == int.class ? (Object) narrow(whole) : (Object) whole;
    }

    /** A whole number as an {@code int}, refused when it does not fit (SCR would cut it without a word). */
    static int narrow(Number whole) {
        long value = whole.longValue();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(outOfRange(value, "", Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        return (int) value;
    }

    /** A list of one value is that value (SCR takes the first of several; several are refused here). */
    private static Object single(Object raw) {
        int size = raw instanceof Collection<?> c ? c.size() : raw.getClass().isArray() ? Array.getLength(raw) : -1;
        if (size < 0) {
            return raw;
        }
        if (size != 1) {
            throw new IllegalArgumentException("holds " + size + " values; one is expected");
        }
        return raw instanceof Collection<?> c ? c.iterator().next() : Array.get(raw, 0);
    }

    private static long whole(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        String text = value.toString();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(text.strip().matches("[+-]?[0-9]+") ? spaces(text) : notWhole(text));
        }
    }

    private static double decimal(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a decimal number");
        }
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString();
        if (!text.equals("true") && !text.equals("false")) {
            boolean padded = text.strip().equals("true") || text.strip().equals("false");
            throw new IllegalArgumentException(padded ? spaces(text) : "'" + text + "' is neither true nor false");
        }
        return Boolean.parseBoolean(text);
    }

    /** A value that would do but for the spaces around it: a .cfg file keeps those after the value. */
    private static String spaces(String text) {
        return "'" + text + "' has spaces around it (the component would read it as written)";
    }

    static String notWhole(String text) {
        return "'" + text + "' is not a whole number";
    }

    /** {@code "50 ms is out of range 200..3600000"}. */
    static String outOfRange(Object value, String unit, long min, long max) {
        return value + (unit.isEmpty() ? "" : " " + unit) + " is out of range " + min + ".." + max;
    }
}
