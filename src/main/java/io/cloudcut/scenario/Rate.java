package io.cloudcut.scenario;

import java.time.Duration;

/**
 * How often something may happen on the scenario clock, written as a count per period of scenario
 * time: {@code 30/min}, {@code 2/s}, {@code 100/h}, {@code 1/90s}. The period is a duration as
 * written everywhere in these files, whose leading 1 may be left out ({@code /s}, {@code /m} or
 * {@code /min}, {@code /h}, {@code /d}). A bare number is refused: rates once meant per real
 * second, and reading an old file's {@code 2} in another unit would change its scenario silently.
 */
public record Rate(double count, Duration period) {

    public Rate {
        Checks.check(count > 0 && !Double.isInfinite(count), "the count of a rate must be above 0, not "
                + Durations.number(count));
        Checks.check(period != null && !period.isZero() && !period.isNegative(), "the period of a rate must be above 0");
    }

    /** @throws IllegalArgumentException saying the form expected, and that a bare number has no unit */
    public static Rate parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.matches("[0-9.]+")) {
            throw new IllegalArgumentException("'" + trimmed + "' has no unit: write a count per period of scenario "
                    + "time, e.g. 30/min, 2/s or 100/h (a bare number used to mean per real second)");
        }
        String[] parts = trimmed.split("/", -1);
        if (parts.length != 2) {
            throw notARate(trimmed);
        }
        double count;
        Duration period;
        try {
            count = Double.parseDouble(parts[0].trim());
            period = period(parts[1].trim());
        } catch (IllegalArgumentException unreadable) {
            throw notARate(trimmed);
        }
        return new Rate(count, period);
    }

    /** The scenario time from one event to the next at this rate. */
    public Duration interval() {
        return Duration.ofNanos(Math.max(1, Math.round(period.toNanos() / count)));
    }

    @Override
    public String toString() {
        String period = Durations.format(this.period);
        return Durations.number(count) + "/" + switch (period) {
            case "1s" -> "s";
            case "1m" -> "min";
            case "1h" -> "h";
            case "1d" -> "d";
            default -> period;
        };
    }

    private static IllegalArgumentException notARate(String text) {
        return new IllegalArgumentException("'" + text + "' is not a rate: write a count per period of scenario time, "
                + "e.g. 30/min, 2/s, 100/h or 1/90s");
    }

    /** A duration ({@code 10m}, {@code 10min}), or a bare unit meaning one of it ({@code s}, {@code min}, {@code h}). */
    private static Duration period(String written) {
        String duration = written.replace("min", "m");
        return Durations.parse(duration.isEmpty() || Character.isDigit(duration.charAt(0)) ? duration : "1" + duration);
    }
}
