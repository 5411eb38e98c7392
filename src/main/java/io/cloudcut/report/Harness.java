package io.cloudcut.report;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.scenario.TimeScale;

import java.util.List;
import java.util.Map;

/** The harness section of a report, from the health and clock observations of the run. */
final class Harness {

    private Harness() {
    }

    /** {@code health} and {@code clock}: the run's, in the order they were observed. */
    static HarnessReport report(TimeScale asked, List<HealthObserved> health, List<ClockObserved> clock) {
        HealthObserved baseline = window(health, HealthObserved.Window.BASELINE);
        HealthObserved run = window(health, HealthObserved.Window.RUN);
        double timeScale = baseline != null ? baseline.timeScale()
                : asked.auto() ? 0 : asked.value();
        List<HarnessReport.ClockChange> changes = clock.stream()
                .map(change -> new HarnessReport.ClockChange(change.atMillis() / 1000.0, change.scale(), change.why()))
                .toList();
        return new HarnessReport(asked.toString(), timeScale, health(baseline), health(run), changes, Map.of());
    }

    private static HealthObserved window(List<HealthObserved> health, HealthObserved.Window window) {
        return health.stream().filter(h -> h.window() == window).findFirst().orElse(null);
    }

    private static HarnessReport.Health health(HealthObserved observed) {
        return observed == null ? null : new HarnessReport.Health(observed.lagP50Millis(), observed.lagP99Millis(),
                observed.probeDelayP50Millis(), observed.probeDelayP99Millis(), observed.cpuPercent(), observed.probes(),
                observed.probesFailed(), observed.healthy(), observed.problems());
    }
}
