package io.cloudcut.report;

import java.util.Map;

/**
 * How the terminal table shows its verdict words: as they are, or coloured by where they stand
 * (green kept, yellow degraded or failed safe, red lost) with ANSI escapes. Only whole words are
 * painted, after the columns are laid out, so a coloured table lines up as a plain one.
 */
public enum Palette {
    PLAIN, ANSI;

    private static final String GREEN = "\u001B[32m";
    private static final String YELLOW = "\u001B[33m";
    private static final String RED = "\u001B[31m";
    private static final String RESET = "\u001B[0m";

    private static final Map<String, String> COLOURS = Map.ofEntries(
            Map.entry(FunctionVerdict.KEPT.name(), GREEN),
            Map.entry(FunctionVerdict.DEGRADED.name(), YELLOW),
            Map.entry(FunctionVerdict.LOST.name(), RED),
            Map.entry(ModelVerdict.FULLY_AVAILABLE.name(), GREEN),
            Map.entry(ModelVerdict.LOCAL_FUNCTION_KEPT.name(), GREEN),
            Map.entry(ModelVerdict.FAIL_CLOSED.name(), YELLOW),
            Map.entry(ModelVerdict.CLOUD_DEPENDENT.name(), RED),
            Map.entry(ModelVerdict.STUCK_IN_LAST_STATE.name(), RED),
            Map.entry(ModelVerdict.FAIL_OPEN.name(), RED),
            Map.entry(RecoveryVerdict.NOT_RECOVERED.name(), RED),
            Map.entry(RecoveryVerdict.NEEDS_A_PERSON.name(), RED),
            Map.entry("PASS", GREEN),
            Map.entry("FAIL", RED));

    /** {@code word} in its colour when it is a verdict word and this palette colours; otherwise as it is. */
    String paint(String word) {
        String colour = this == ANSI ? COLOURS.get(word) : null;
        return colour == null ? word : colour + word + RESET;
    }
}
