package io.cloudcut.comparison;

import io.cloudcut.report.TerminalTable;

import java.util.List;
import java.util.Locale;

/**
 * A diff for people: a row per change, worse first; the figures that moved within chance, apart; the notes, then the
 * one-line summary.
 */
public final class DiffTable {

    private static final List<String> HEADER = List.of("change", "model", "function", "phase", "old", "new", "figure");

    private DiffTable() {
    }

    public static String render(RunDiff diff) {
        StringBuilder out = new StringBuilder();
        if (diff.changes().isEmpty()) {
            out.append("nothing changed in ").append(diff.scenario()).append(": ").append(diff.summary()).append('\n');
        } else {
            out.append(TerminalTable.table(HEADER, rows(diff.changes())));
        }
        if (!diff.withinChance().isEmpty()) {
            out.append("within chance (neither worse nor better: the probes or events behind each differ no more than two runs "
                    + "of the same code do; a larger fleet or another run tells):\n")
                    .append(TerminalTable.table(HEADER, rows(diff.withinChance())));
        }
        diff.notes().forEach(note -> out.append("note: ").append(note).append('\n'));
        if (!diff.changes().isEmpty()) {
            out.append(diff.scenario()).append(": ").append(diff.summary()).append('\n');
        }
        return out.toString();
    }

    private static List<List<String>> rows(List<Change> changes) {
        return changes.stream().map(change -> List.of(
                change.direction().name().toLowerCase(Locale.ROOT), change.model(), change.function(),
                change.phase(), change.was(), change.now(), change.figure())).toList();
    }
}
