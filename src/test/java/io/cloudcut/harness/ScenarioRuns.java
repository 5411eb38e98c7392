package io.cloudcut.harness;

import io.cloudcut.report.RunReport;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.testing.Project;

import java.nio.file.Files;
import java.nio.file.Path;

/** Runs a scenario written in a test against the project's models and cloud, on the embedded broker. */
record ScenarioRuns(RunResult result, RunReport report) {

    /** Lays out a project of the test's own in {@code dir}: the shipped default cloud and an empty devices/. */
    static Path projectWithDefaultCloud(Path dir) throws java.io.IOException {
        Files.createDirectories(dir.resolve("clouds"));
        Files.copy(Project.file("clouds/default.yaml"), dir.resolve("clouds/default.yaml"));
        return Files.createDirectories(dir.resolve("devices"));
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
        RunResult result = new ScenarioRunner(RunSettings.embedded(brokerConfig)).run(scenario);
        return new ScenarioRuns(result, result.report());
    }
}
