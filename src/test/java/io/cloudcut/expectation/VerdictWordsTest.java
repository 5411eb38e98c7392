package io.cloudcut.expectation;

import io.cloudcut.harness.Scenarios;
import io.cloudcut.report.FunctionVerdict;
import io.cloudcut.report.ModelVerdict;
import io.cloudcut.scenario.WireNames;
import io.vertx.core.json.JsonObject;
import io.cloudcut.scenario.ScenarioException;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The loader a run uses refuses a verdict word that is not on the ladder it is compared with, at its
 * line; the scenario schema offers editors the same words.
 */
class VerdictWordsTest {

    @TempDir
    Path dir;

    @Test
    void aFunctionsVerdictIsAFunctionVerdict() throws IOException {
        Path file = scenario("- {model: doorbell-local-chime, function: chime, verdict: local-function-kept}");
        assertThatThrownBy(() -> Scenarios.loader(Project.root()).load(file)).isInstanceOf(ScenarioException.class)
                .hasMessage(file + ":5:52: expect[0].verdict: 'local-function-kept' is not a function verdict "
                        + "(known: kept, degraded, lost)");
    }

    @Test
    void aModelsVerdictIsARungOfTheLadder() throws IOException {
        Path file = scenario("- {model: doorbell-local-chime, verdict: KEPT}");
        assertThatThrownBy(() -> Scenarios.loader(Project.root()).load(file))
                .hasMessageContaining("expect[0].verdict: 'KEPT' is not a rung of the verdict ladder (known, best first: "
                        + "fully-available, local-function-kept, degraded, fail-closed, cloud-dependent, "
                        + "stuck-in-last-state, fail-open)");
    }

    @Test
    void rightWordsLoad() throws Exception {
        Path file = scenario("- {model: doorbell-local-chime, verdict: fail-closed}\n  "
                + "- {model: doorbell-local-chime, function: chime, verdict: degraded}");
        assertThat(Expectations.of(Scenarios.loader(Project.root()).load(file).expectations())).hasSize(2);
    }

    @Test
    void theScenarioSchemaNamesTheSameWords() throws IOException {
        JsonObject kinds = new JsonObject(Files.readString(Project.file("schemas/scenario.schema.json")))
                .getJsonObject("properties").getJsonObject("expect").getJsonObject("items");
        JsonObject function = kinds.getJsonArray("oneOf").getJsonObject(0).getJsonObject("properties");
        JsonObject model = kinds.getJsonArray("oneOf").getJsonObject(1).getJsonObject("properties");

        assertThat(function.getJsonObject("verdict").getJsonArray("enum").getList())
                .containsExactlyElementsOf(Stream.of(FunctionVerdict.values()).map(WireNames::of).toList());
        assertThat(model.getJsonObject("verdict").getJsonArray("enum").getList())
                .containsExactlyElementsOf(Stream.of(ModelVerdict.values()).map(WireNames::of).toList());
    }

    private Path scenario(String expectations) throws IOException {
        return Files.writeString(dir.resolve("s.yaml"), """
                name: x
                fleet: [{model: doorbell-local-chime}]
                phases: [{name: baseline, kind: baseline, duration: 1h}, {name: outage, kind: outage, duration: 1h}]
                expect:
                  %s
                """.formatted(expectations));
    }
}
