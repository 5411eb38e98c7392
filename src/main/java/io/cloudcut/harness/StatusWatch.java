package io.cloudcut.harness;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.FaultObserved;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.RecoveryObserved;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps a run's {@link RunStatus} from its observations as they are logged, so that what a watcher
 * sees live is what the report will count: nothing is asked of the devices.
 */
final class StatusWatch implements Consumer<Observation> {

    private final int devices;
    private final Set<String> connected = new HashSet<>();
    private final Set<String> faults = new LinkedHashSet<>();
    private int recovered;
    private String phase = "warming up";
    private Boolean healthy;

    StatusWatch(int devices) {
        this.devices = devices;
    }

    @Override
    public synchronized void accept(Observation observation) {
        if (observation instanceof ConnectionObserved change) {
            if (ConnectionObserved.UP.equals(change.change())) {
                connected.add(change.device());
            } else {
                connected.remove(change.device());
            }
        } else if (observation instanceof PhaseObserved started && started.started()) {
            phase = started.phase();
        } else if (observation instanceof FaultObserved fault) {
            if (fault.applied()) {
                faults.add(fault.fault());
            } else {
                faults.remove(fault.fault());
            }
        } else if (observation instanceof RecoveryObserved recovery && recovery.recovered()) {
            recovered++;
        } else if (observation instanceof HealthObserved health && HealthObserved.BASELINE.equals(health.window())) {
            healthy = health.healthy();
        }
    }

    synchronized RunStatus at(Duration scenarioTime) {
        return new RunStatus(scenarioTime, phase, connected.size(), recovered, devices, new ArrayList<>(faults), healthy);
    }
}
