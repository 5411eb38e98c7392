package io.cloudcut.harness;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A run at one moment, for whoever watches it live: the scenario time, the phase under way, how many
 * devices are connected and how many recovered, the faults in force (link and service faults as the
 * scenario names them), the harness's health once the baseline was judged ({@code null} before), how
 * many devices of each model of the fleet are connected, and how the harness holds the clock back now, if it does
 * ({@code null} when it does not), e.g. {@code clock held for the cloud}: a watcher then knows why the run slowed.
 */
public record RunStatus(Duration scenarioTime, String phase, int connected, int recovered, int devices,
                        List<String> faults, Boolean healthy, Map<String, Integer> connectedByModel, String clock) {

    public RunStatus {
        faults = List.copyOf(faults);
        connectedByModel = Map.copyOf(connectedByModel);
    }
}
