package io.cloudcut.harness;

import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.report.RunReport;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.testing.ObservationRecorder;
import io.cloudcut.testing.Project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a scenario written in a test against the project's models and cloud, on the embedded broker,
 * with its observations recorded for the test to look through.
 */
record ScenarioRuns(RunResult result, RunReport report, List<Observation> observations) {

    /** Lays out a project of the test's own in {@code dir}: the shipped default cloud and an empty devices/. */
    static Path projectWithDefaultCloud(Path dir) throws java.io.IOException {
        Files.createDirectories(dir.resolve("clouds"));
        Files.copy(Project.file("clouds/default.yaml"), dir.resolve("clouds/default.yaml"));
        return Files.createDirectories(dir.resolve("devices"));
    }

    /** As {@link #projectWithDefaultCloud}, with the shipped embedded broker's configuration too. */
    static Path projectWithEmbeddedBroker(Path dir) throws java.io.IOException {
        Files.createDirectories(dir.resolve("broker-config"));
        Files.copy(Project.file("broker-config/embedded.yaml"), dir.resolve("broker-config/embedded.yaml"));
        return projectWithDefaultCloud(dir);
    }

    /** A doorbell model named {@code model} in {@code devices} whose firmware is {@code firmware}, with one function: its chime. */
    static void doorbellRunning(Path devices, String model, Class<? extends io.cloudcut.device.Firmware> firmware) throws java.io.IOException {
        Files.writeString(devices.resolve(model + ".yaml"), "kind: doorbell\nfirmware: " + firmware.getName()
                + "\nfunctions: [{name: chime, path: local, role: primary}]\n");
    }

    /** How much scenario time a phase lasted, from its start to its end as observed. */
    Duration phaseLasted(String phase) {
        List<Long> marks = observations.stream().filter(PhaseObserved.class::isInstance)
                .map(PhaseObserved.class::cast).filter(observed -> observed.phase().equals(phase))
                .map(PhaseObserved::atMillis).toList();
        assertThat(marks).as("the start and end of %s", phase).hasSize(2);
        return Duration.ofMillis(marks.get(1) - marks.get(0));
    }

    static ScenarioRuns run(Path dir, String scenarioYaml) throws Exception {
        return run(Project.root(), dir, scenarioYaml);
    }

    static ScenarioRuns run(Path projectRoot, Path dir, String scenarioYaml) throws Exception {
        return run(projectRoot, Project.file("broker-config"), dir, scenarioYaml);
    }

    static ScenarioRuns run(Path projectRoot, Path brokerConfig, Path dir, String scenarioYaml) throws Exception {
        Path file = Files.writeString(dir.resolve("scenario.yaml"), scenarioYaml);
        Scenario scenario = Scenarios.loader(projectRoot).load(file);
        ObservationRecorder recorder = new ObservationRecorder();
        RunResult result = recorded(brokerConfig, recorder).run(scenario);
        boolean couldNotMeasure = result.health(HealthObserved.Window.BASELINE).filter(baseline -> !baseline.healthy()).isPresent();
        if (couldNotMeasure || result.health(HealthObserved.Window.RUN).filter(HealthObserved::lostConnectionsToTheHarness).isPresent()) {
            // The harness could not measure (a CI machine busy with other forks), or cost devices their connections (a
            // stall, a late acknowledgement with nothing faulted): once more, as CliRun.measured does.
            System.err.println("the harness could not measure " + scenario.name() + "; once more: "
                    + result.health(couldNotMeasure ? HealthObserved.Window.BASELINE : HealthObserved.Window.RUN).orElseThrow().problems());
            recorder = new ObservationRecorder();
            result = recorded(brokerConfig, recorder).run(scenario);
        }
        // A run without a healthy baseline has no verdicts: say why, rather than let a test read them as nulls.
        result.health(HealthObserved.Window.BASELINE).ifPresent(baseline -> assertThat(baseline.healthy())
                .as("the harness could not measure %s, twice: %s", scenario.name(), baseline.problems()).isTrue());
        return new ScenarioRuns(result, result.report(), recorder.all());
    }

    private static ScenarioRunner recorded(Path brokerConfig, ObservationRecorder recorder) {
        return new ScenarioRunner(RunSettings.embedded(brokerConfig).watchedBy(ProgressListener.observing(recorder)));
    }
}
