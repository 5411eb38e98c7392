package io.cloudcut.cli;

import io.cloudcut.report.Palette;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * What the terminal can show: a live status line and colours on an interactive terminal; plain
 * lines in a log, a pipe or a dumb terminal, with {@code --no-color}, or with {@code NO_COLOR} set
 * (https://no-color.org).
 */
final class TerminalOptions {

    @Option(names = "--no-color", description = "Plain verdict words, no colours (also: the NO_COLOR environment variable, or output that is not a terminal).")
    boolean noColor;

    /** The verdict table's palette here: colours only on an interactive terminal that did not ask for none. */
    Palette palette() {
        return palette(noColor, System.getenv(), interactive());
    }

    static Palette palette(boolean noColor, Map<String, String> environment, boolean interactive) {
        String noColorVariable = environment.get("NO_COLOR");
        boolean refused = noColor || (noColorVariable != null && !noColorVariable.isEmpty());
        return refused || !interactive || "dumb".equals(environment.get("TERM")) ? Palette.PLAIN : Palette.ANSI;
    }

    /** Whether a person is watching: a terminal on both ends (a redirected output is a log), and not a dumb one. */
    static boolean interactive() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }
}
