package io.cloudcut.harness;

import java.time.Duration;
import java.util.List;

/**
 * A run at one moment, for whoever watches it live: the scenario time, the phase under way, how many
 * devices are connected and how many recovered, the faults in force (link and service faults as the
 * scenario names them), and the harness's health once the baseline was judged ({@code null} before).
 */
public record RunStatus(Duration scenarioTime, String phase, int connected, int recovered, int devices,
                        List<String> faults, Boolean healthy) {

    public RunStatus {
        faults = List.copyOf(faults);
    }
}
