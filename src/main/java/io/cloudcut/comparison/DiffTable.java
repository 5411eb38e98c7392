package io.cloudcut.comparison;

import io.cloudcut.report.TerminalTable;

import java.util.List;
import java.util.Locale;

/** A diff for people: a row per change, worse first, the notes, then the one-line summary. */
public final class DiffTable {

    private DiffTable() {
    }

    public static String render(RunDiff diff) {
        StringBuilder out = new StringBuilder();
        if (diff.changes().isEmpty()) {
            out.append("nothing changed in ").append(diff.scenario()).append(": ").append(diff.summary()).append('\n');
            diff.notes().forEach(note -> out.append("note: ").append(note).append('\n'));
            return out.toString();
        }
        List<List<String>> rows = diff.changes().stream().map(change -> List.of(
                change.direction().name().toLowerCase(Locale.ROOT), change.model(), change.function(),
                change.phase(), change.was(), change.now(), change.figure())).toList();
        out.append(TerminalTable.table(List.of("change", "model", "function", "phase", "old", "new", "figure"), rows));
        diff.notes().forEach(note -> out.append("note: ").append(note).append('\n'));
        return out.append(diff.scenario()).append(": ").append(diff.summary()).append('\n').toString();
    }
}
