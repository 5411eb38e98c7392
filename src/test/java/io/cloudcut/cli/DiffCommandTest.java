package io.cloudcut.cli;

import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.HarnessReport;
import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.RunReport;
import io.cloudcut.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cloudcut diff} refuses what it cannot compare with exit code 2 and one line that names it. */
class DiffCommandTest {

    @TempDir
    Path dir;

    @Test
    void aMissingDirectoryIsNamed() throws IOException {
        Path old = report("old", "short-outage");

        CliRun run = CliRun.of("diff", old.toString(), dir.resolve("nowhere").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).containsExactly("error: " + dir.resolve("nowhere") + ": no such directory");
    }

    @Test
    void aDirectoryWithoutAReportIsNamedWithTheFileItLacks() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        CliRun run = CliRun.of("diff", empty.toString(), report("new", "short-outage").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("error: " + empty.resolve("report.json") + ": no such file");
    }

    @Test
    void aRunThatGaveNoVerdictsIsNoBadInput_butNothingToCompare() throws IOException {
        Path refused = Files.createDirectories(dir.resolve("refused"));
        Files.writeString(refused.resolve("observations.jsonl"), "{}\n");

        CliRun run = CliRun.of("diff", report("old", "short-outage").toString(), refused.toString(), "--fail-on-regression");

        assertThat(run.exitCode()).as("the harness could not measure, as the run's own exit code").isEqualTo(3);
        assertThat(run.errorLines()).containsExactly("error: " + refused + ": the run wrote observations but no report.json, "
                + "so it gave no verdicts to compare: cloudcut report " + refused + " says why");
    }

    @Test
    void aRegressionWhileTheNewRunsHarnessWasNotHealthyExits3_notAsTheDevicesRegression() throws IOException {
        ExpectationResult met = new ExpectationResult("every device recovered", true, "4 of 4 devices recovered");
        ExpectationResult failed = new ExpectationResult("every device recovered", false, "3 of 4 devices recovered");
        HarnessReport.Health healthy = new HarnessReport.Health(1, 2, 1, 2, 40, 100, 0, true, List.of());
        HarnessReport.Health stalled = new HarnessReport.Health(1, 1500, 1, 2, 90, 300, 0, false,
                List.of("an event loop stalled 1,500 ms in phase outage"));
        Path old = report("old", met, healthy);

        CliRun devices = CliRun.of("diff", old.toString(), report("devices", failed, healthy).toString(), "--fail-on-regression");
        CliRun harness = CliRun.of("diff", old.toString(), report("harness", failed, stalled).toString(), "--fail-on-regression");

        assertThat(devices.exitCode()).isEqualTo(1);
        assertThat(harness.exitCode()).isEqualTo(3);
        assertThat(harness.out()).contains("note: in the new run, the harness was not healthy after the baseline (an event loop "
                + "stalled 1,500 ms in phase outage): what got worse may be the harness's");
        assertThat(harness.errorLines()).singleElement().asString().startsWith("error: something got worse while the new run's "
                + "harness was not healthy after its baseline");
    }

    @Test
    void aCorruptReportIsNamed() throws IOException {
        Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
        Files.writeString(corrupt.resolve("report.json"), "{\"scenario\": \"short-outage\", \"models\": [");

        CliRun run = CliRun.of("diff", report("old", "short-outage").toString(), corrupt.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("error: " + corrupt.resolve("report.json") + ": not a CloudCut report: ");
    }

    @Test
    void runsOfDifferentScenariosAreRefusedNamingBoth() throws IOException {
        CliRun run = CliRun.of("diff", report("old", "short-outage").toString(), report("new", "kinesis-2020").toString(),
                "--fail-on-regression");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines())
                .containsExactly("error: the runs are of different scenarios: 'short-outage' and 'kinesis-2020'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theHelpSaysTheToleranceAndTheExitCodes() {
        CliRun run = CliRun.of("diff", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().replaceAll("\\s+", " ")).contains("10% of the old value or one probe interval",
                "1% of the events the model generated", "1 with --fail-on-regression, something got worse",
                "Fisher's exact test, 5%", "'within chance', neither worse nor better", "too few for chance to be told apart");
    }

    /** A short-outage report with no model, one expectation and the harness's health, written to {@code dir/name}. */
    private Path report(String name, ExpectationResult expectation, HarnessReport.Health later) throws IOException {
        RunReport report = new RunReport("short-outage", "made up", "embedded", 3600, 10, false, List.of(), List.of(), List.of(),
                new HarnessReport("3600", 3600, new HarnessReport.Health(1, 2, 1, 2, 40, 100, 0, true, List.of()), later,
                        List.of(), Map.of()), List.of(expectation));
        return new JsonReportWriter().write(report, dir.resolve(name)).getParent();
    }

    /** A report of {@code scenario} with no model, written to {@code dir/name}. */
    private Path report(String name, String scenario) throws IOException {
        RunReport report = new RunReport(scenario, "made up", "embedded", 3600, 10, false, List.of(),
                List.of(), List.of(), new HarnessReport("3600", 3600, null, null, List.of(), Map.of()),
                List.of());
        return new JsonReportWriter().write(report, dir.resolve(name)).getParent();
    }
}
