package io.cloudcut.report;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.scenario.TimeScale;

import java.util.List;

/** The harness section of a report, from the health and clock observations of the run. */
final class Harness {

    private Harness() {
    }

    static HarnessReport report(TimeScale asked, List<Observation> observations) {
        List<HealthObserved> health = observations.stream().filter(HealthObserved.class::isInstance)
                .map(HealthObserved.class::cast).toList();
        HealthObserved baseline = window(health, HealthObserved.BASELINE);
        HealthObserved run = window(health, HealthObserved.RUN);
        double timeScale = baseline != null ? baseline.timeScale()
                : asked.auto() ? 0 : asked.value();
        List<HarnessReport.ClockChange> clock = observations.stream().filter(ClockObserved.class::isInstance)
                .map(ClockObserved.class::cast)
                .map(change -> new HarnessReport.ClockChange(change.atMillis() / 1000.0, change.scale(), change.why()))
                .toList();
        return new HarnessReport(asked.toString(), timeScale, health(baseline), health(run), clock);
    }

    private static HealthObserved window(List<HealthObserved> health, String window) {
        return health.stream().filter(h -> h.window().equals(window)).findFirst().orElse(null);
    }

    private static HarnessReport.Health health(HealthObserved observed) {
        return observed == null ? null : new HarnessReport.Health(observed.lagP50Millis(), observed.lagP99Millis(),
                observed.probeDelayP50Millis(), observed.probeDelayP99Millis(), observed.cpuPercent(), observed.probes(),
                observed.probesFailed(), observed.healthy(), observed.problems());
    }
}
