package io.cloudcut.comparison;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The diff as people read it: nothing changed says so first, whatever its notes; changes come as a table. */
class DiffTableTest {

    @Test
    void nothingChangedSaysSoFirst_thenItsNotes() {
        assertThat(DiffTable.render(new RunDiff("short-outage", List.of(), 16, List.of(), false)))
                .isEqualTo("nothing changed in short-outage: 0 worse, 0 better, 16 unchanged\n");
        assertThat(DiffTable.render(new RunDiff("short-outage", List.of(), 16,
                List.of("in the new run, the harness was not healthy after the baseline (x): what got worse may be the harness's"), true)))
                .isEqualTo("nothing changed in short-outage: 0 worse, 0 better, 16 unchanged\n"
                        + "note: in the new run, the harness was not healthy after the baseline (x): what got worse may be the harness's\n");
    }

    @Test
    void changesComeAsATableWorseFirst_thenTheNotesAndTheSummary() {
        RunDiff diff = new RunDiff("short-outage", List.of(
                new Change(Change.Direction.BETTER, "m", "-", "-", "FAIL", "PASS", "expectation: b"),
                new Change(Change.Direction.WORSE, "m", "f", "outage", "KEPT", "LOST", "function verdict")), 3, List.of("n"), false);

        List<String> lines = DiffTable.render(diff).lines().toList();

        assertThat(lines.get(0)).startsWith("change").contains("figure");
        assertThat(lines).anyMatch(line -> line.startsWith("worse") && line.contains("LOST"))
                .endsWith("note: n", "short-outage: 1 worse, 1 better, 3 unchanged");
        assertThat(lines.indexOf(lines.stream().filter(line -> line.contains("LOST")).findFirst().orElseThrow()))
                .isLessThan(lines.indexOf(lines.stream().filter(line -> line.contains("PASS")).findFirst().orElseThrow()));
    }
}
