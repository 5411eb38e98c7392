package io.cloudcut.harness;

import io.cloudcut.report.RunReport;
import io.cloudcut.report.Verdicts;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.testing.Project;

import java.nio.file.Files;
import java.nio.file.Path;

/** Runs a scenario written in a test against the project's models and cloud, on the embedded broker. */
record ScenarioRuns(RunResult result, RunReport report) {

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
        return new ScenarioRuns(result, Verdicts.report(scenario, result.broker(), result.wallTime(), result.observations()));
    }
}
