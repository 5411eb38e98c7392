package io.cloudcut.cli;

import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cloudcut diff} as a firmware team would use it in a pull request: the short outage run
 * through the command line with the project's models, and beside it with one model's firmware changed
 * so that its session lapsing locks every function (one device per model; 24 s for both runs, 43 s
 * one after the other).
 */
class DiffEndToEndTest {

    private static final String MODEL = "vacuum-local-first";

    @TempDir
    static Path dir;

    private static Path before;
    private static Path after;

    @BeforeAll
    static void runTheShortOutageBeforeAndAfterTheFirmwareChange() throws IOException {
        Path changed = copyOfTheProject(dir.resolve("project"));
        Path model = changed.resolve("devices").resolve(MODEL + ".yaml");
        String keepsLocal = Files.readString(model);
        assertThat(keepsLocal).contains("onLoss: keep-local");
        Files.writeString(model, keepsLocal.replace("onLoss: keep-local", "onLoss: lock-all"));
        // Side by side, each run with its own broker, ports and Vert.x (four devices each, they mostly wait);
        // a run the harness could not measure beside the other runs once more (CliRun.measured).
        CompletableFuture<Path> unchanged =
                CompletableFuture.supplyAsync(() -> run(Project.root(), "before", CloudCutCommand.EXIT_OK));
        // the scenario expects the local-first vacuum to keep its button: that expectation fails now
        after = run(changed, "after", CloudCutCommand.EXIT_EXPECTATION_FAILED);
        before = unchanged.join();
    }

    @Test
    void aFunctionLostAfterTheChangeIsARegressionNamedWithItsModelAndExitsOne() {
        CliRun diff = CliRun.of("diff", before.toString(), after.toString(), "--fail-on-regression");

        assertThat(diff.exitCode()).as("stdout:%n%s%nstderr:%n%s", diff.out(), diff.err()).isEqualTo(1);
        assertThat(diff.out().lines()).as(diff.out())
                .anyMatch(row -> row.matches(worse(MODEL + "\\s+-\\s+-\\s+LOCAL_FUNCTION_KEPT\\s+FAIL_CLOSED\\s+"
                        + "model verdict \\(headline\\)")))
                .anyMatch(row -> row.matches(worse(MODEL + "\\s+clean-button\\s+outage\\s+KEPT\\s+LOST\\s+function verdict")))
                .anyMatch(row -> row.matches(worse("-\\s+-\\s+-\\s+PASS\\s+FAIL\\s+expectation: clean-button of " + MODEL
                        + " during outage: at least KEPT")));
        assertThat(diff.out()).containsPattern("short-outage: [1-9]\\d* worse, \\d+ better, \\d+ unchanged");

        CliRun withoutTheFlag = CliRun.of("diff", before.toString(), after.toString());
        assertThat(withoutTheFlag.exitCode()).as("without --fail-on-regression a regression is reported, not failed")
                .isZero();
        JsonObject json = new JsonObject(CliRun.of("diff", before.toString(), after.toString(), "--json").out());
        assertThat(json.getInteger("worse")).isPositive();
        assertThat(json.getJsonArray("withinChance")).as("what moved within chance, listed even when nothing did").isNotNull();
        assertThat(json.getJsonArray("changes").stream().map(JsonObject.class::cast))
                .anyMatch(change -> change.getString("direction").equals("WORSE") && change.getString("model").equals(MODEL)
                        && change.getString("function").equals("clean-button"));
    }

    @Test
    void aRunComparedWithItselfSaysNothingChangedAndExitsZero() {
        CliRun diff = CliRun.of("diff", before.toString(), before.toString(), "--fail-on-regression");

        assertThat(diff.exitCode()).as("stderr:%n%s", diff.err()).isZero();
        assertThat(diff.out().lines().findFirst()).hasValueSatisfying(first -> assertThat(first)
                .matches("nothing changed in short-outage: 0 worse, 0 better, [1-9]\\d* unchanged"));
        assertThat(diff.out().lines().skip(1)).as("at most the harness's notes, when it was not healthy after the baseline")
                .allMatch(note -> note.startsWith("note: in the old run, the harness was not healthy after the baseline")
                        || note.startsWith("note: in the new run, the harness was not healthy after the baseline"));
    }

    /** A row of the table: only the first row of a group says "worse", those under it leave the column blank. */
    private static String worse(String cells) {
        return "(worse|\\s+)\\s+" + cells;
    }

    private static Path run(Path project, String name, int exitCode) {
        Path reports = dir.resolve(name);
        CliRun run = CliRun.measured("run", project.resolve("scenarios/short-outage.yaml").toString(), "--project-dir",
                project.toString(), "--devices-per-model", "1", "--report-dir", reports.toString());
        assertThat(run.exitCode()).as("run %s, stderr:%n%s", name, run.err()).isEqualTo(exitCode);
        return reports;
    }

    /** What a run reads from a project: its models, clouds, broker settings and the scenario. */
    private static Path copyOfTheProject(Path copy) throws IOException {
        for (String part : new String[] {"devices", "clouds", "broker-config"}) {
            Path from = Project.file(part);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path to = copy.resolve(part).resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to);
                    }
                }
            }
        }
        Files.createDirectories(copy.resolve("scenarios"));
        Files.copy(Project.file("scenarios/short-outage.yaml"), copy.resolve("scenarios/short-outage.yaml"));
        return copy;
    }
}
