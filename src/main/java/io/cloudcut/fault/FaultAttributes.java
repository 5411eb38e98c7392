package io.cloudcut.fault;

import io.cloudcut.scenario.Rate;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A fault's attributes as given (from JSON, say), read field by field by the fault's constructor, so
 * that every wrong value is reported with the fault and attribute it belongs to.
 */
final class FaultAttributes {

    /** The longest time any fault waits: an hour, far past any MQTT keepalive. */
    static final long MAX_MILLIS = 3_600_000;

    private final String fault;
    private final Map<String, ?> values;
    private final Set<String> known = new TreeSet<>();

    FaultAttributes(String fault, Map<String, ?> values) {
        this.fault = fault;
        this.values = values;
    }

    /** A whole number between {@code min} and {@code max}, or {@code fallback} if absent. */
    long whole(String name, long fallback, long min, long max) {
        Number number = number(name);
        if (number == null) {
            return fallback;
        }
        double value = number.doubleValue();
        if (value != Math.rint(value)) {
            throw wrong(name, "must be a whole number, got " + number);
        }
        return inRange(name, number.longValue(), min, max);
    }

    /** A time in milliseconds, from 0 to an hour. */
    long millis(String name, long fallback) {
        return whole(name, fallback, 0, MAX_MILLIS);
    }

    /** A number between {@code min} and {@code max}, or {@code fallback} if absent. */
    double decimal(String name, double fallback, double min, double max) {
        Number number = number(name);
        return number == null ? fallback : inRange(name, number.doubleValue(), min, max);
    }

    /**
     * A string made into a value by {@code parse}, or {@code parse} of {@code fallback} if absent; an
     * IllegalArgumentException from {@code parse} says what is wrong with the string.
     */
    <T> T text(String name, String fallback, Function<String, T> parse) {
        known.add(name);
        Object value = values.get(name);
        if (value != null && !(value instanceof String)) {
            throw wrong(name, "must be a string, got " + value.getClass().getSimpleName() + " '" + value + "'");
        }
        try {
            return parse.apply(value == null ? fallback : (String) value);
        } catch (IllegalArgumentException invalid) {
            throw wrong(name, invalid.getMessage());
        }
    }

    /**
     * A rate written with its unit, {@code N/s}, {@code N/min} or {@code N/h} (N a number above 0),
     * or {@code fallback} if absent; in events per second.
     */
    double perSecond(String name, String fallback) {
        return text(name, fallback, FaultAttributes::perSecond);
    }

    /** The value of {@code choices} that the string names, or the one {@code fallback} names if absent. */
    <T> T choice(String name, String fallback, Map<String, T> choices) {
        return text(name, fallback, key -> {
            T chosen = choices.get(key);
            if (chosen == null) {
                throw new IllegalArgumentException("must be one of " + String.join(", ", new TreeSet<>(choices.keySet()))
                        + ", got '" + key + "'");
            }
            return chosen;
        });
    }

    /** @throws IllegalArgumentException if an attribute was given that the fault never read */
    void rejectUnknown() {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("Unknown attribute '" + name + "' for fault '" + fault + "'; "
                        + (known.isEmpty() ? "it takes none" : "it takes: " + String.join(", ", known)));
            }
        }
    }

    /** A {@link Rate} of scenario time, per second of it: one parser for every rate a file holds. */
    private static double perSecond(String rate) {
        Rate parsed;
        try {
            parsed = Rate.parse(rate);
        } catch (IllegalArgumentException notARate) {
            throw new IllegalArgumentException("must be a rate of scenario time: " + notARate.getMessage(), notARate);
        }
        return parsed.count() / (parsed.period().toNanos() / 1e9);
    }

    private Number number(String name) {
        known.add(name);
        Object value = values.get(name);
        if (value == null || value instanceof Number) {
            return (Number) value;
        }
        throw wrong(name, "must be a number, got " + value.getClass().getSimpleName() + " '" + value + "'");
    }

    private <T extends Comparable<T>> T inRange(String name, T value, T min, T max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw wrong(name, "must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    private IllegalArgumentException wrong(String name, String problem) {
        return new IllegalArgumentException("Attribute '" + name + "' of fault '" + fault + "' " + problem);
    }
}
