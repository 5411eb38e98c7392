package io.cloudcut.harness;

import io.cloudcut.observation.Observation;
import io.cloudcut.scenario.Scenario;

import java.time.Duration;
import java.util.List;

/** What a run produced: the scenario it ran, on which broker, how long it took, and everything observed. */
public record RunResult(Scenario scenario, String broker, Duration wallTime, List<Observation> observations) {

    public RunResult {
        observations = List.copyOf(observations);
    }
}
