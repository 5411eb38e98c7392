package io.cloudcut.harness;

import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.scenario.Scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a run produced: the scenario it ran (its time scale as asked: {@code auto}, say; the scale
 * chosen is in the health observations), on which broker, how long it took, and everything observed.
 */
public record RunResult(Scenario scenario, String broker, Duration wallTime, List<Observation> observations) {

    public RunResult {
        observations = List.copyOf(observations);
    }

    /** The harness's own health over a window ({@link HealthObserved#BASELINE} or {@link HealthObserved#RUN}). */
    public Optional<HealthObserved> health(String window) {
        return observations.stream().filter(HealthObserved.class::isInstance).map(HealthObserved.class::cast)
                .filter(health -> health.window().equals(window)).findFirst();
    }
}
