package io.cloudcut.cli;

import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.ExternalOnRealTime;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cloudcut validate}: every kind of file checked as a run would load it, nothing started. */
class ValidateCommandTest {

    @TempDir
    Path project;

    @Test
    void everyShippedFileIsValid() throws IOException {
        List<String> files;
        try (Stream<Path> shipped = Stream.of("scenarios", "devices", "clouds").flatMap(ValidateCommandTest::yamlIn)) {
            files = shipped.map(file -> Project.root().relativize(file).toString()).toList();
        }
        List<String> args = new java.util.ArrayList<>(List.of("validate", "--project-dir", Project.root().toString()));
        args.addAll(files);

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.out().lines()).hasSize(files.size()).allSatisfy(line -> assertThat(line).startsWith("ok: "));
        assertThat(run.out()).contains("scenarios/short-outage.yaml (scenario, 8 devices, 3 phases,",
                "devices/doorbell-local-chime.yaml (device model, 5 functions)", "clouds/default.yaml (cloud, 4 services)");
    }

    @Test
    void eachBadFileIsNamedWithItsLineAndTheGoodOnesStillPass() throws IOException {
        Files.createDirectories(project.resolve("devices"));
        Files.createDirectories(project.resolve("clouds"));
        Files.copy(Project.file("clouds/default.yaml"), project.resolve("clouds/default.yaml"));
        Files.copy(Project.file("devices/doorbell-local-chime.yaml"), project.resolve("devices/doorbell-local-chime.yaml"));
        Files.writeString(project.resolve("devices/toaster.yaml"), "kind: doorbell\nfunctions:\n  - {name: toast, path: local}\n");
        Files.writeString(project.resolve("clouds/loop.yaml"), """
                services:
                  auth: {needs: [ingest]}
                  ingest: {needs: [auth]}
                """);
        Files.writeString(project.resolve("typo.yaml"), """
                name: typo
                fleet: [{model: doorbell-local-chime}]
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - {name: outage, kind: outage, duration: 1h}
                expect:
                  - {model: doorbell-local-chime, function: chime, phase: outgae, verdict: kept}
                """);

        CliRun run = CliRun.of("validate", "--project-dir", project.toString(), "devices/doorbell-local-chime.yaml",
                "devices/toaster.yaml", "clouds/loop.yaml", "typo.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out().lines()).singleElement().asString().startsWith("ok: ")
                .endsWith("devices/doorbell-local-chime.yaml (device model, 5 functions)");
        assertThat(run.errorLines()).hasSize(3);
        assertThat(run.errorLines().get(0)).startsWith("error: " + project.resolve("devices/toaster.yaml") + ":3:")
                .contains("functions[0].name: unknown function 'toast' for a doorbell");
        assertThat(run.errorLines().get(1)).startsWith("error: " + project.resolve("clouds/loop.yaml") + ":2:")
                .contains("dependency cycle");
        assertThat(run.errorLines().get(2)).startsWith("error: " + project.resolve("typo.yaml") + ":7:")
                .contains("expect[0].phase: no phase 'outgae' in the timeline");
    }

    @Test
    void aScenarioThatLoadsButWouldNotRunIsBadInputSayingWhy() throws IOException {
        Files.writeString(project.resolve("too-fast.yaml"), """
                name: too-fast
                timeScale: 3600
                fleet: [{model: doorbell-local-chime, count: 500}]
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - {name: outage, kind: outage, duration: 1h}
                """);
        Files.writeString(project.resolve("other-clock.yaml"), ExternalOnRealTime.YAML);

        CliRun run = CliRun.of("validate", "--project-dir", Project.root().toString(),
                project.resolve("too-fast.yaml").toString(), project.resolve("other-clock.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errorLines()).hasSize(2);
        assertThat(run.errorLines().get(0)).startsWith("error: " + project.resolve("too-fast.yaml")
                + ": loads, but would not run: at 3600x, 500 devices would send about");
        assertThat(run.errorLines().get(1)).startsWith("error: " + project.resolve("other-clock.yaml")
                + ": loads, but would not run:").contains("bench-doorbell");
    }

    @Test
    void aMissingFileIsBadInput() {
        CliRun run = CliRun.of("validate", "--project-dir", project.toString(), "nowhere.yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("nowhere.yaml: file not found");
    }

    private static Stream<Path> yamlIn(String dir) {
        try {
            return Files.list(Project.file(dir)).filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream();
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
