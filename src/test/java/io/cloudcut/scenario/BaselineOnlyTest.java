package io.cloudcut.scenario;

import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A scenario's fleet through one fault-free baseline and nothing else: what bench warms the harness up with. */
class BaselineOnlyTest {

    @Test
    void theFleetModelsAndClockStay_thePhasesAndExpectationsGo() throws Exception {
        Scenario written = new ScenarioLoader(Project.root()).load(Project.file("scenarios/kinesis-2020.yaml"));

        Scenario warmUp = written.baselineOnly(Duration.ofMinutes(10));

        assertThat(warmUp.phases()).singleElement().satisfies(phase -> {
            assertThat(phase.kind()).isEqualTo(PhaseKind.BASELINE);
            assertThat(phase.duration()).isEqualTo(Duration.ofMinutes(10));
            assertThat(phase.faults()).isEmpty();
        });
        assertThat(written.expectations()).isNotEmpty();
        assertThat(warmUp.expectations()).as("they name the scenario's own phases").isEmpty();
        assertThat(warmUp.fleet()).isEqualTo(written.fleet());
        assertThat(warmUp.models()).isEqualTo(written.models());
        assertThat(warmUp.timeScale()).isEqualTo(written.timeScale());
    }
}
