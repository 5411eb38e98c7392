package io.cloudcut.scenario;

import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code expect:} is read with the scenario; a wrong one is named with its file, line and field. */
class ExpectationLoadingTest {

    private static final String SCENARIO = """
            name: x
            fleet: [{model: doorbell-local-chime}]
            phases:
              - {name: baseline, kind: baseline, duration: 1h}
              - {name: outage, kind: outage, duration: 1h, faults: [{link: all, fault: blackhole}]}
              - {name: recovery, kind: recovery, duration: 1h}
            expect:
            """;

    private final ScenarioLoader loader = new ScenarioLoader(Project.root());

    @TempDir
    Path dir;

    @Test
    void everyKindIsReadInTheOrderWritten() throws Exception {
        Scenario scenario = loader.load(write("""
                  - {model: doorbell-local-chime, function: chime, phase: outage, verdict: kept}
                  - {model: doorbell-local-chime, function: chime, phase: outage, okAtLeast: 99.5%}
                  - {model: doorbell-local-chime, verdict: local-function-kept}
                  - recovery: {p95Under: 5m, reconnectP95Under: 30s, noneUnrecovered: true}
                  - events: {lostInCloudAtMost: 10, duplicates: forbidden}
                """));

        assertThat(scenario.expectations()).extracting(ExpectationSpec::kind).containsExactly(ExpectationSpec.Kind.FUNCTION,
                ExpectationSpec.Kind.FUNCTION, ExpectationSpec.Kind.MODEL, ExpectationSpec.Kind.RECOVERY,
                ExpectationSpec.Kind.EVENTS);
        assertThat(scenario.expectations().get(1).okShare()).isEqualTo(0.995);
        assertThat(scenario.expectations().get(3).recovery().p95Under()).isEqualTo(Duration.ofMinutes(5));
        assertThat(scenario.expectations().get(3).recovery().reconnectP95Under()).isEqualTo(Duration.ofSeconds(30));
        assertThat(scenario.expectations().get(4).events().duplicates()).isEqualTo(ExpectationSpec.Duplicates.FORBIDDEN);
    }

    @Test
    void aReconnectBoundNeedsAFaultThatCutsConnections() throws IOException {
        Path file = dir.resolve("no-cut.yaml");
        Files.writeString(file, SCENARIO.replace(", faults: [{link: all, fault: blackhole}]", ", faults: [{service: auth, fault: down}]")
                + "  - recovery: {reconnectP95Under: 1m}\n");
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(file + ":8:")
                .hasMessageContaining("expect[0].recovery.reconnectP95Under: no phase has a fault on links or the broker, "
                        + "so no device would have to connect again");
    }

    @Test
    void aScenarioWithoutExpectationsExpectsNothing() throws Exception {
        assertThat(loader.load(Project.file("scenarios/bench.yaml")).expectations()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "- {model: doorbell-nope, verdict: kept}"
            + "|expect[0].model: no model 'doorbell-nope' in the fleet (fleet: doorbell-local-chime)",
        "- {model: doorbell-local-chime, function: spin, verdict: kept}"
            + "|expect[0].function: model doorbell-local-chime has no function 'spin' (its functions: chime, record-clip",
        "- {model: doorbell-local-chime, function: chime, phase: outgae, verdict: kept}"
            + "|expect[0].phase: no phase 'outgae' in the timeline (phases: baseline, outage, recovery)",
        "- {model: doorbell-local-chime, phase: baseline, verdict: degraded}"
            + "|expect[0].phase: a model's rung is judged in outage phases; 'baseline' is a baseline phase",
        "- {model: doorbell-local-chime, function: chime, phase: outage, okAtLeast: lots}"
            + "|expect[0].okAtLeast: 'lots' is not a share of probes (write a percentage from 0% to 100%, e.g. 99%)",
        "- {model: doorbell-local-chime, function: chime, okAtLeast: 99%}"
            + "|expect[0]: okAtLeast counts the probes of one phase: name it (phase: ...)",
        "- {model: doorbell-local-chime, function: chime, verdict: kept, okAtLeast: 99%}"
            + "|expect[0]: a function's expectation states either verdict or okAtLeast",
        "- {model: doorbell-local-chime, okAtLeast: 99%}"
            + "|expect[0].okAtLeast: okAtLeast is a share of a function's probes: name the function",
        "- {recovery: {p95Under: 5m}, phase: outage}"
            + "|expect[0].phase: 'phase' belongs to an expectation about a model (model: ...)",
        "- {recovery: {noneUnrecovered: false}}"
            + "|expect[0].recovery.noneUnrecovered: noneUnrecovered: false states nothing: write true or leave it out",
        "- {recovery: {p95Under: soon}}"
            + "|expect[0].recovery.p95Under: 'soon' is not a duration",
        "- {recovery: {reconnectP95Under: 0s}}"
            + "|expect[0].recovery.reconnectP95Under: reconnectP95Under must be positive",
        "- {recovery: {}}"
            + "|expect[0].recovery: recovery needs p95Under, reconnectP95Under or noneUnrecovered",
        "- {events: {lostInCloudAtMost: -1}}"
            + "|expect[0].events.lostInCloudAtMost: lostInCloudAtMost must be at least 0",
        "- {events: {duplicates: sometimes}}"
            + "|expect[0].events.duplicates: 'sometimes' is not one of: allowed, forbidden",
        "- {events: {}}"
            + "|expect[0].events: events needs lostInCloudAtMost or duplicates",
        "- {verdict: kept}"
            + "|expect[0]: an expectation is about one of: a model (model: ...), recovery (recovery: {...}) or events",
        "- {model: doorbell-local-chime, verdict: kept, because: reasons}"
            + "|expect[0].because: unknown field 'because'",
    })
    void aWrongExpectationIsNamedWithItsLineAndField(String expectation, String problem) throws IOException {
        Path file = write("  " + expectation + "\n");
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(file + ":8:")
                .hasMessageContaining(problem);
    }

    @Test
    void recoveryBoundsNeedARecoveryPhase() throws IOException {
        Path file = Files.writeString(dir.resolve("no-recovery.yaml"), """
                name: x
                fleet: [{model: doorbell-local-chime}]
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - {name: outage, kind: outage, duration: 1h}
                expect:
                  - model: doorbell-local-chime
                    verdict: kept
                  - recovery:
                      noneUnrecovered: true
                """);
        assertThatThrownBy(() -> loader.load(file)).hasMessageStartingWith(file + ":9:")
                .hasMessageContaining("expect[1].recovery: the timeline has no recovery phase to bound");
    }

    private Path write(String expectations) throws IOException {
        return Files.writeString(dir.resolve("s.yaml"), SCENARIO + expectations);
    }
}
