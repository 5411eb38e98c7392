package io.cloudcut.harness;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.FaultObserved;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.RecoveryObserved;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps a run's {@link RunStatus} from its observations as they are logged, so that what a watcher
 * sees live is what the report will count: nothing is asked of the devices.
 */
final class StatusWatch implements Consumer<Observation> {

    private final int devices;
    /** The connected devices of each model of the fleet. */
    private final Map<String, Set<String>> connected = new HashMap<>();
    private final Set<String> faults = new LinkedHashSet<>();
    private int recovered;
    private String phase = "warming up";
    private Boolean healthy;
    private String clock;

    /** @param devicesByModel how many devices of each model the fleet has */
    StatusWatch(Map<String, Integer> devicesByModel) {
        this.devices = devicesByModel.values().stream().mapToInt(Integer::intValue).sum();
        devicesByModel.keySet().forEach(model -> connected.put(model, new HashSet<>()));
    }

    @Override
    public synchronized void accept(Observation observation) {
        if (observation instanceof ConnectionObserved change) {
            Set<String> ofModel = connected.computeIfAbsent(change.model(), model -> new HashSet<>());
            if (change.change() == ConnectionObserved.Change.UP) {
                ofModel.add(change.device());
            } else {
                ofModel.remove(change.device());
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
        } else if (observation instanceof HealthObserved health && health.window() == HealthObserved.Window.BASELINE) {
            healthy = health.healthy();
        } else if (observation instanceof ClockObserved pace && pace.why() != ClockObserved.Why.ATTEMPTS) {
            clock = heldBack(pace); // a stand for attempts is not a change of pace: it is over within the herd
        }
    }

    /** How the harness holds the clock back from this change on, if it does: null for the scenario's own pace. */
    private static String heldBack(ClockObserved pace) {
        boolean held = pace.scale() == 1;
        return switch (pace.why()) {
            case CLOUD -> held ? "clock held for the cloud" : "clock climbing after the cloud";
            case CONNECTS -> held ? "clock held for slow connections" : "clock climbing after slow connections";
            case CONNECT_DELAY -> "clock at the connects' pace";
            case CONNECT_RATE -> "clock at the connects' rate";
            case CLOUD_NOT_CAUGHT_UP -> "clock climbing without the cloud, behind at real time";
            case START, TRANSITION, RAMP, APPROACH, PHASE, ATTEMPTS -> null;
        };
    }

    synchronized RunStatus at(Duration scenarioTime) {
        Map<String, Integer> byModel = new HashMap<>();
        connected.forEach((model, ofModel) -> byModel.put(model, ofModel.size()));
        int all = byModel.values().stream().mapToInt(Integer::intValue).sum();
        return new RunStatus(scenarioTime, phase, all, recovered, devices, new ArrayList<>(faults), healthy, byModel, clock);
    }
}
