package io.cloudcut.bench;

import io.cloudcut.harness.ProgressListener;
import io.cloudcut.harness.ScenarioRunner;
import io.cloudcut.harness.Scenarios;
import io.cloudcut.identity.Identities;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.TimeScale;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the fleet side keeps when a run at {@code auto} is measured again after a baseline refused for the harness's load. */
class FleetRunTest {

    @Test
    void aRunMeasuredAgainKeepsOnlyTheLastAttempt_atTheScaleItRanAt() throws Exception {
        Scenario scenario = Scenarios.loader(Project.root()).load(Project.file(Bench.SCENARIO)).withDevicesPerModel(10)
                .withTimeScale(TimeScale.AUTO);
        List<Double> toldAgain = new ArrayList<>();
        FleetRun run = new FleetRun(scenario, new ProgressListener() {
            @Override
            public void runningAgain(double refusedAt, HealthObserved baseline, double slower) {
                toldAgain.add(slower);
            }
        }, null, Identities.generate());
        List<Phase> phases = scenario.phases();
        for (int index = 0; index < phases.size(); index++) {
            run.phaseStarted(phases.get(index), index + 1, phases.size(), "");
        }
        run.recoveryProgress(phases.get(phases.size() - 1), 10, 10);
        double refusedAt = ScenarioRunner.runScale(scenario);
        HealthObserved refused = new HealthObserved(0, HealthObserved.Window.BASELINE, 1000, 1, 5, 2, 9, 60, 200, 50, false,
                List.of("25% of baseline probes failed"));

        run.runningAgain(refusedAt, refused, Math.floor(refusedAt / 2));
        run.phaseStarted(phases.get(0), 1, phases.size(), "");

        assertThat(toldAgain).as("the watcher hears of it").containsExactly(Math.floor(refusedAt / 2));
        assertThat(run.phaseSeconds()).as("the refused attempt's phases are forgotten; the new baseline has not ended").isEmpty();
        assertThat(run.baselineScale()).as("the attempt measured ran at half the scale")
                .isEqualTo(ScenarioRunner.firstPhaseScale(ScenarioRunner.runAgainAt(scenario, Math.floor(refusedAt / 2))))
                .isLessThan(ScenarioRunner.firstPhaseScale(scenario));
    }
}
