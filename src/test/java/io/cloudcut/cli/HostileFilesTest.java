package io.cloudcut.cli;

import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The broken-file corpus ({@code src/test/resources/hostile/}, and four files too large or too odd to
 * commit, made here) through {@code validate} and {@code run}: each file gets one line naming the file,
 * the line and the field (or its size), exit code 2, no stack trace, and {@code run} leaves its report
 * directory alone. The time bound only guards against a hang; it is no speed figure.
 */
class HostileFilesTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static final String LOG_LINE = "2026-03-02T10:15:00Z INFO gateway: device vacuum-17 reconnected after 42 s\n";
    private static final int LOG_LINES = 400_000;

    @TempDir
    static Path project;

    /** A broken file, and the line, field (either may be absent: 0, null) and problem its error names. */
    record Hostile(String file, int line, String field, String problem) {

        boolean isScenario() {
            return file.startsWith("scenarios/");
        }

        /** The scenario a run is given: the file itself, or one that uses the model or the cloud. */
        String runScenario() {
            return isScenario() ? file : "scenarios/uses-" + file.replace('/', '-');
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static List<Hostile> corpus() {
        long logSize = (long) LOG_LINE.length() * LOG_LINES;
        return List.of(
                new Hostile("scenarios/malformed.yaml", 5, null, "malformed YAML: while parsing a flow node: expected the node content"),
                new Hostile("scenarios/yaml-tag.yaml", 2, "name", "YAML tags (!!python/object/apply:os.system) are not read"),
                new Hostile("scenarios/billion-laughs.yaml", 8, "lol1[0]", "YAML aliases (*lol0) are not read"),
                new Hostile("scenarios/deep-nesting.yaml", 7, null, "nesting depth (33) exceeds the maximum allowed (32)"),
                new Hostile("scenarios/long-number.yaml", 3, "timeScale", "over a limit: Number value length (400) exceeds the maximum allowed (32)"),
                new Hostile("scenarios/long-text.yaml", 2, "description", "a text value of 20,000 characters is over the limit of 10,000"),
                new Hostile("scenarios/duplicate-key.yaml", 3, null, "Duplicate field 'name'"),
                new Hostile("scenarios/binary-garbage.yaml", 1, null, "not UTF-8 text (byte 0x9F)"),
                new Hostile("scenarios/latin-1.yaml", 2, null, "not UTF-8 text (byte 0xE9)"),
                new Hostile("scenarios/empty.yaml", 1, null, "the file holds no YAML"),
                new Hostile("scenarios/only-comments.yaml", 1, null, "the file holds no YAML"),
                new Hostile("scenarios/not-a-mapping.yaml", 2, null, "expected a YAML mapping at the top of the file"),
                new Hostile("scenarios/a-directory.yaml", 0, null, "is a directory, not a YAML file"),
                new Hostile("scenarios/log-passed-by-mistake.yaml", 0, null, String.format(Locale.ROOT,
                        "%,d bytes is over the limit of 1,048,576 bytes (1 MiB)", logSize)),
                new Hostile("scenarios/endless.yaml", 0, null, "it reads on past the limit of 1,048,576 bytes (1 MiB)"),
                new Hostile("scenarios/wrong-type.yaml", 3, "fleet", "expected a list"),
                new Hostile("scenarios/wrong-count-type.yaml", 3, "fleet[0].count", "expected a whole number, found 'many'"),
                new Hostile("scenarios/unknown-field.yaml", 7, "expectations", "unknown field 'expectations'"),
                new Hostile("scenarios/unknown-model.yaml", 3, "fleet[0].model", "unknown device model 'robo-vac-9000'"),
                new Hostile("scenarios/model-path.yaml", 3, "fleet[0].model", "'../../../etc/passwd' is not a model name"),
                new Hostile("scenarios/unknown-service.yaml", 6, "phases[1].faults[0].service", "unknown service 'kinesis'"),
                new Hostile("scenarios/unknown-device.yaml", 6, "phases[1].faults[0].devices[0]", "no device 'vacuum-local-first-2'"),
                new Hostile("scenarios/negative-duration.yaml", 5, "phases[0].duration", "'-1h': a duration cannot be negative"),
                new Hostile("scenarios/zero-duration.yaml", 5, "phases[0].duration", "duration must be positive"),
                new Hostile("scenarios/absurd-duration.yaml", 5, "phases[0].duration",
                        "'99999999999999999999d' is longer than the 3650d a duration may be"),
                new Hostile("scenarios/negative-count.yaml", 3, "fleet[0].count", "count must be at least 1"),
                new Hostile("scenarios/fleet-of-a-billion.yaml", 3, "fleet[0].count",
                        "1,000,000,000 devices is over the limit of 1,000,000 a scenario may run"),
                new Hostile("scenarios/fleet-over-limit-in-all.yaml", 3, "fleet",
                        "1,200,000 devices in all is over the limit of 1,000,000 a scenario may run"),
                new Hostile("scenarios/no-outage.yaml", 4, "phases", "a scenario needs at least one outage phase"),
                new Hostile("clouds/cycle.yaml", 3, "services.auth", "dependency cycle: auth -> commands -> notify -> auth"),
                new Hostile("clouds/self-need.yaml", 4, "services.ingest", "dependency cycle: ingest -> ingest"),
                new Hostile("clouds/unknown-need.yaml", 4, "services.ingest.needs[0]", "unknown service 'dynamo'"),
                new Hostile("clouds/unknown-kind.yaml", 4, "services.kinesis", "unknown service kind 'kinesis'"),
                new Hostile("clouds/no-services.yaml", 2, null, "a cloud needs at least one service"),
                new Hostile("devices/wrong-buffer.yaml", 5, "buffer.capacity", "expected a whole number, found 'lots'"),
                new Hostile("devices/unknown-need.yaml", 5, "functions[1].needs[1]", "unknown service 'dynamo'"),
                new Hostile("devices/absurd-keepalive.yaml", 3, "keepAlive", "'100000d' is longer than the 3650d"),
                new Hostile("devices/aliased.yaml", 3, "client", "YAML aliases (*k) are not read"),
                new Hostile("devices/sets-its-id.yaml", 2, "id", "'id' is not written in the file"));
    }

    @BeforeAll
    static void aProjectWithTheCorpus() throws IOException, URISyntaxException {
        Path corpus = Path.of(Objects.requireNonNull(HostileFilesTest.class.getResource("/hostile")).toURI());
        for (String dir : List.of("devices", "clouds", "scenarios")) {
            Files.createDirectories(project.resolve(dir));
            copyFiles(Project.file(dir), project.resolve(dir));
            copyFiles(corpus.resolve(dir), project.resolve(dir));
        }
        Path scenarios = project.resolve("scenarios");
        Files.createDirectories(scenarios.resolve("a-directory.yaml"));
        Files.createSymbolicLink(scenarios.resolve("endless.yaml"), Path.of("/dev/zero"));
        try (Writer log = Files.newBufferedWriter(scenarios.resolve("log-passed-by-mistake.yaml"))) {
            for (int i = 0; i < LOG_LINES; i++) {
                log.write(LOG_LINE);
            }
        }
        Files.writeString(scenarios.resolve("long-text.yaml"), "# A description of 20,000 characters.\ndescription: "
                + "x".repeat(20_000) + "\n" + Files.readString(Project.file("scenarios/short-outage.yaml")));
        for (Hostile hostile : corpus()) {
            if (!hostile.isScenario()) {
                String name = Path.of(hostile.file()).getFileName().toString().replace(".yaml", "");
                String uses = hostile.file().startsWith("clouds/") ? "cloud: ../clouds/" + name + ".yaml\nfleet: [{model: doorbell-grace}]\n"
                        : "fleet: [{model: " + name + "}]\n";
                Files.writeString(project.resolve(hostile.runScenario()), "name: uses-" + name + "\n" + uses + """
                        phases:
                          - {name: baseline, kind: baseline, duration: 1h}
                          - {name: outage, kind: outage, duration: 1h}
                        """);
            }
        }
    }

    @ParameterizedTest(name = "validate {0}")
    @MethodSource("corpus")
    void validateGivesOneLineNamingTheFileTheLineAndTheField(Hostile hostile) {
        CliRun run = assertTimeoutPreemptively(HANG_GUARD,
                () -> CliRun.of("validate", "--project-dir", project.toString(), hostile.file()));

        assertRefusedInOneLine(run, hostile);
    }

    @ParameterizedTest(name = "run {0}")
    @MethodSource("corpus")
    void runRefusesItWithoutTouchingTheReportDirectory(Hostile hostile) {
        Path reportDir = project.resolve("reports").resolve(hostile.file().replace('/', '-'));
        CliRun run = assertTimeoutPreemptively(HANG_GUARD, () -> CliRun.of("run", hostile.runScenario(),
                "--project-dir", project.toString(), "--report-dir", reportDir.toString()));

        assertRefusedInOneLine(run, hostile);
        assertThat(reportDir).doesNotExist();
    }

    @Test
    void everyFileOfTheCorpusHasItsExpectedError() throws IOException, URISyntaxException {
        Path corpus = Path.of(Objects.requireNonNull(HostileFilesTest.class.getResource("/hostile")).toURI());
        try (Stream<Path> files = Files.walk(corpus)) {
            List<String> committed = files.filter(Files::isRegularFile)
                    .map(file -> corpus.relativize(file).toString().replace('\\', '/')).toList();
            assertThat(corpus().stream().map(Hostile::file).toList()).containsAll(committed);
        }
    }

    @Test
    void anExistingReportDirectoryIsLeftAsItWas() throws IOException {
        Path reportDir = Files.createDirectories(project.resolve("earlier-run"));
        Path earlier = Files.writeString(reportDir.resolve("report.json"), "{\"scenario\": \"earlier\"}");
        FileTime written = Files.getLastModifiedTime(earlier);

        CliRun run = CliRun.of("run", "scenarios/fleet-of-a-billion.yaml", "--project-dir", project.toString(),
                "--report-dir", reportDir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        try (Stream<Path> files = Files.list(reportDir)) {
            assertThat(files.toList()).containsExactly(earlier);
        }
        assertThat(earlier).hasContent("{\"scenario\": \"earlier\"}");
        assertThat(Files.getLastModifiedTime(earlier)).isEqualTo(written);
    }

    @Test
    void aValidFileThatCannotRunHereLeavesNoReportDirectory() {
        Path reportDir = project.resolve("reports").resolve("too-many-open-files");

        CliRun run = assertTimeoutPreemptively(HANG_GUARD, () -> CliRun.of("run", "scenarios/short-outage.yaml",
                "--project-dir", project.toString(), "--devices-per-model", "50000", "--report-dir", reportDir.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("open files");
        assertThat(reportDir).doesNotExist();
    }

    @Test
    void aReportDirectoryThatIsAFileIsRefusedBeforeTheRun() throws IOException {
        Path notADirectory = Files.writeString(project.resolve("report.txt"), "not a directory");

        CliRun run = assertTimeoutPreemptively(HANG_GUARD, () -> CliRun.of("run", "scenarios/short-outage.yaml",
                "--project-dir", project.toString(), "--report-dir", notADirectory.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("error: --report-dir: " + notADirectory + " is a file, not a directory");
        assertThat(notADirectory).hasContent("not a directory");
    }

    private static void assertRefusedInOneLine(CliRun run, Hostile hostile) {
        Path file = project.resolve(hostile.file());
        String located = hostile.line() > 0 ? file + ":" + hostile.line() + ":" : file + ": ";
        String problem = hostile.field() == null ? hostile.problem() : hostile.field() + ": " + hostile.problem();
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("error: " + located)
                .contains(problem);
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
