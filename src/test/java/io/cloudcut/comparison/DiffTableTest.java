package io.cloudcut.comparison;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diff as people read it: nothing changed says so first, whatever its notes; changes come as a table; what moved
 * within chance comes apart, after them.
 */
class DiffTableTest {

    @Test
    void nothingChangedSaysSoFirst_thenItsNotes() {
        assertThat(DiffTable.render(new RunDiff("short-outage", List.of(), 16, List.of(), List.of(), false)))
                .isEqualTo("nothing changed in short-outage: 0 worse, 0 better, 16 unchanged\n");
        assertThat(DiffTable.render(new RunDiff("short-outage", List.of(), 16, List.of(),
                List.of("in the new run, the harness was not healthy after the baseline (x): what got worse may be the harness's"), true)))
                .isEqualTo("nothing changed in short-outage: 0 worse, 0 better, 16 unchanged\n"
                        + "note: in the new run, the harness was not healthy after the baseline (x): what got worse may be the harness's\n");
    }

    @Test
    void changesComeAsATableWorseFirst_thenTheNotesAndTheSummary() {
        RunDiff diff = new RunDiff("short-outage", List.of(
                new Change(Change.Direction.BETTER, "m", "-", "-", "FAIL", "PASS", "expectation: b"),
                new Change(Change.Direction.WORSE, "m", "f", "outage", "KEPT", "LOST", "function verdict")), 3, List.of(), List.of("n"), false);

        List<String> lines = DiffTable.render(diff).lines().toList();

        assertThat(lines.get(0)).startsWith("change").contains("figure");
        assertThat(lines).anyMatch(line -> line.startsWith("worse") && line.contains("LOST"))
                .endsWith("note: n", "short-outage: 1 worse, 1 better, 3 unchanged");
        assertThat(lines.indexOf(lines.stream().filter(line -> line.contains("LOST")).findFirst().orElseThrow()))
                .isLessThan(lines.indexOf(lines.stream().filter(line -> line.contains("PASS")).findFirst().orElseThrow()));
    }

    @Test
    void whatMovedWithinChanceComesApart_neitherWorseNorBetter() {
        RunDiff diff = new RunDiff("kinesis-2020", List.of(), 273, List.of(
                new Change(Change.Direction.WORSE, "doorbell-cloud-chime", "-", "restart-and-cognito-fix", "DEGRADED",
                        "CLOUD_DEPENDENT", "model verdict")), List.of(), false);

        List<String> lines = DiffTable.render(diff).lines().toList();

        assertThat(diff.regressed()).isFalse();
        assertThat(lines.get(0)).isEqualTo("nothing changed in kinesis-2020: 0 worse, 0 better, 273 unchanged, 1 within chance");
        assertThat(lines.get(1)).startsWith("within chance (neither worse nor better");
        assertThat(lines).anyMatch(line -> line.startsWith("worse") && line.contains("CLOUD_DEPENDENT"));
    }
}
