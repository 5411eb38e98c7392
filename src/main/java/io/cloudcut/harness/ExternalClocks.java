package io.cloudcut.harness;

import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.ExternalDevice;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An external device keeps its own clock, at a pace fixed when it started: its reconnect backoff,
 * timers and session expiry count scenario seconds at that pace only. If the run went at another
 * pace, a backoff the model bounds at a minute would take an hour of scenario time, and every verdict
 * about it would describe the mismatch, not the device: such a run is refused before it starts.
 */
final class ExternalClocks {

    private ExternalClocks() {
    }

    /**
     * @throws IllegalArgumentException naming each external device whose pace differs from a pace of
     *                                  the run, and how to make them agree
     */
    static void check(Scenario scenario) {
        if (scenario.external().isEmpty()) {
            return;
        }
        List<Double> runPaces = new ArrayList<>();
        runPaces.add(ScenarioRunner.runScale(scenario));
        scenario.phases().stream().map(Phase::timeScale).filter(Objects::nonNull).distinct()
                .filter(pace -> !runPaces.contains(pace)).forEach(runPaces::add);
        List<ExternalDevice> mismatched = scenario.external().stream()
                .filter(device -> runPaces.stream().anyMatch(pace -> pace.doubleValue() != device.timeScale()))
                .toList();
        if (mismatched.isEmpty()) {
            return;
        }
        String run = Durations.number(runPaces.get(0));
        String phases = runPaces.size() == 1 ? "" : " (and some phases at " + String.join(", ", runPaces.subList(1,
                runPaces.size()).stream().map(pace -> Durations.number(pace) + "x").toList()) + ")";
        String devices = String.join("; ", mismatched.stream()
                .map(device -> device.id() + " runs at " + Durations.number(device.timeScale()) + "x").toList());
        throw new IllegalArgumentException("scenario " + scenario.name() + " goes at time scale " + run + "x"
                + (scenario.timeScale().auto() ? " (auto, on this machine)" : "") + phases + ", but external device "
                + devices + " (its timeScale in the scenario: 1, real time, unless said): its backoff, timers and "
                + "session expiry would count on another clock than the run's, and its verdicts would measure that. Start it at the run's pace (cloudcut device --time-scale " + run + ") and say "
                + "timeScale: " + run + " for it, or run at its pace (--time-scale "
                + Durations.number(mismatched.get(0).timeScale()) + ")"
                + (runPaces.size() == 1 ? "" : "; a phase's own timeScale must be that pace too"));
    }
}
