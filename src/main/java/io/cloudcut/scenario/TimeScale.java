package io.cloudcut.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Scenario seconds per real second, as a scenario or the command line asks: a number, or
 * {@code auto}, the fastest scale whose traffic the machine carries (the harness picks it). An {@code auto}
 * with a value is held to at most that scale: how the harness runs a scenario again at a slower clock when
 * {@code auto}'s first pick was more than the harness could measure.
 */
public record TimeScale(boolean auto, double value) {

    public static final TimeScale AUTO = new TimeScale(true, 0);
    /**
     * The fastest scale {@code auto} picks (for the smallest fleets), so that firmware deadlines stay apart by more
     * than a timer's grain.
     */
    public static final double AUTO_CEILING = 3_600;

    public TimeScale {
        Checks.check(auto || (value > 0 && !Double.isInfinite(value)),
                "timeScale must be 'auto' or a positive number of scenario seconds per real second");
    }

    /** {@code auto}, at most {@code ceiling}. */
    public static TimeScale autoAtMost(double ceiling) {
        Checks.check(ceiling >= 1 && !Double.isInfinite(ceiling), "an auto time scale's ceiling must be at least 1");
        return new TimeScale(true, ceiling);
    }

    /** The scale a scenario asking this is written for: its number, or the most {@code auto} picks. */
    public double writtenFor() {
        return value > 0 ? value : AUTO_CEILING;
    }

    public static TimeScale fixed(double value) {
        return new TimeScale(false, value);
    }

    /** Reads {@code auto} or a number, as written in a scenario file or on the command line. */
    @JsonCreator
    public static TimeScale parse(Object written) {
        if (written instanceof Number number) {
            return fixed(number.doubleValue());
        }
        String text = String.valueOf(written).trim();
        if (text.equals("auto")) {
            return AUTO;
        }
        try {
            return fixed(Double.parseDouble(text.endsWith("x") ? text.substring(0, text.length() - 1) : text));
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("timeScale must be 'auto' or a positive number, not '" + text + "'");
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return auto ? "auto" : Durations.number(value) + "x";
    }
}
