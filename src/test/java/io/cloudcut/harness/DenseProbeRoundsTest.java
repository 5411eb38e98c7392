package io.cloudcut.harness;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A phase whose probe rounds would start more probes a real second than the harness carries runs at a
 * slower scale than the run's ({@link Traffic#phaseScale}), on a real run: the clock climbs to it after
 * the outage's faults, and no further.
 */
class DenseProbeRoundsTest {

    @Test
    void anOutageProbedEveryMinute_runsBelowTheRunsScale(@TempDir Path dir) throws Exception {
        // Twenty devices of six functions, the outage probed every minute (each round spread over 30 s): at
        // 3600x, 120 probes in 8 ms, about 14,400 a real second. The baseline's rounds are 15 min apart.
        ScenarioRuns run = ScenarioRuns.run(dir, """
                name: dense
                timeScale: 3600
                probe: {rounds: 60, timeout: 1500ms}
                fleet: [{model: vacuum-local-first, count: 20}]
                phases:
                  - {name: baseline, kind: baseline, duration: 6h}
                  - {name: outage, kind: outage, duration: 1h, faults: [{service: notify, fault: down}]}
                """);

        Scenario scenario = Scenarios.loader(Project.root()).load(dir.resolve("scenario.yaml"));
        double held = Traffic.phaseScale(scenario, scenario.phases().get(1), 3600, Capacity.ONE_PROCESS);
        assertThat(held).isEqualTo(Math.floor(Capacity.ONE_PROCESS.probesPerSecond() * 30 / 120)).isLessThan(3600);
        assertThat(Traffic.phaseScale(scenario, scenario.phases().get(0), 3600, Capacity.ONE_PROCESS)).isEqualTo(3600);
        long outageFrom = run.observations().stream().filter(PhaseObserved.class::isInstance)
                .map(PhaseObserved.class::cast).filter(phase -> phase.phase().equals("outage") && phase.started())
                .findFirst().orElseThrow().atMillis();
        List<ClockObserved> clock = run.observations().stream().filter(ClockObserved.class::isInstance)
                .map(ClockObserved.class::cast).toList();
        assertThat(clock.get(0).scale()).as("the baseline's").isEqualTo(3600);
        List<Double> inTheOutage = clock.stream().filter(change -> change.atMillis() >= outageFrom)
                .map(ClockObserved::scale).toList();
        assertThat(inTheOutage).as("the outage's clock").isNotEmpty().allSatisfy(scale -> assertThat(scale).isLessThanOrEqualTo(held))
                .contains(held);
    }
}
