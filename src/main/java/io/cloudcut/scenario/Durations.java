package io.cloudcut.scenario;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the compact durations used in scenario and model files: {@code 17h}, {@code 1h30m}, {@code 500ms}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|d|h|m|s)");

    private Durations() {
    }

    /** The longest duration read: ten years, past any phase, session or timer a file has a reason to set. */
    public static final Duration MAX = Duration.ofDays(3650);

    /** @throws IllegalArgumentException naming the expected form when the text is not a duration */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.startsWith("-")) {
            throw new IllegalArgumentException("'" + YamlDocument.shortened(trimmed) + "': a duration cannot be negative");
        }
        Matcher matcher = PART.matcher(trimmed);
        double nanos = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            nanos += Double.parseDouble(matcher.group(1)) * unitNanos(matcher.group(2));
            end = matcher.end();
        }
        if (trimmed.isEmpty() || end != trimmed.length()) {
            throw new IllegalArgumentException("'" + YamlDocument.shortened(String.valueOf(text))
                    + "' is not a duration (use e.g. 500ms, 30s, 10m, 17h, 1h30m, 2d)");
        }
        if (nanos > MAX.toNanos()) {
            throw new IllegalArgumentException("'" + YamlDocument.shortened(trimmed) + "' is longer than the "
                    + format(MAX) + " a duration may be");
        }
        return Duration.ofNanos((long) nanos);
    }

    /** The shortest exact compact form, e.g. {@code 1h30m}; sub-second parts as milliseconds. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long millis = duration.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (millis >= units[i]) {
                text.append(millis / units[i]).append(names[i]);
                millis %= units[i];
            }
        }
        return text.toString();
    }

    /** A number without a useless fraction: {@code 1800}, {@code 0.5}. */
    /** {@code value} to {@code digits} significant digits: a product such as 3 x 0.4 reads 1.2, not 1.2000000000000002. */
    public static double significant(double value, int digits) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(digits)).doubleValue();
    }

    public static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            case "d" -> 86400e9;
            default -> throw new IllegalStateException(unit);
        };
    }
}
