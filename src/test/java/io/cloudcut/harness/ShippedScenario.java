package io.cloudcut.harness;

import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ObservationCodec;
import io.cloudcut.report.FunctionVerdict;
import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.ModelVerdict;
import io.cloudcut.report.RunReport;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the shipped-scenario tests run a scenario (one device per model, through the command line, its
 * report read back; a healthy baseline and balanced event accounts asserted on the way) and the
 * assertions they share, in the verdict ladder's words.
 */
final class ShippedScenario {

    private ShippedScenario() {
    }

    static List<Observation> observations(Path reports, String scenario) throws Exception {
        return Files.readAllLines(reports.resolve(scenario).resolve("observations.jsonl")).stream()
                .map(JsonObject::new).map(ObservationCodec::decode).toList();
    }

    static RunReport run(Path reports, String scenario) throws Exception {
        Path dir = reports.resolve(scenario);
        CliRun run = CliRun.measured("run", "scenarios/" + scenario + ".yaml", "--project-dir", Project.root().toString(),
                "--devices-per-model", "1", "--report-dir", dir.toString());
        // The expectations, met or not, are on stdout: a failing one is named there.
        assertThat(run.exitCode()).as("exit code; %s", run.transcript()).isZero();
        RunReport report = JsonReportWriter.read(dir.resolve("report.json"));
        for (ModelReport model : report.models()) {
            assertThat(model.functions()).allSatisfy(function -> assertThat(function.phases().get("baseline").failed())
                    .as("%s %s in the baseline", model.model(), function.name()).isZero());
            assertThat(model.events().balanced()).isTrue();
        }
        return report;
    }

    /** Each model's headline, the worst of its outage phases. */
    static void assertModels(RunReport report, Map<String, ModelVerdict> expected) {
        expected.forEach((model, verdict) -> assertThat(report.model(model).verdict()).as(model).isEqualTo(verdict));
    }

    static void assertPhase(RunReport report, String phase, Map<String, ModelVerdict> expected) {
        expected.forEach((model, verdict) -> assertThat(report.model(model).phases().get(phase))
                .as("%s in %s; timeline %s", model, phase, report.model(model).timeline().describe()).isEqualTo(verdict));
    }

    static FunctionVerdict phaseVerdict(RunReport report, String model, String function, String phase) {
        return report.model(model).functions().stream().filter(f -> f.name().equals(function)).findFirst()
                .orElseThrow().phases().get(phase).verdict();
    }
}
