package io.cloudcut.report;

import io.cloudcut.observation.SessionObserved;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a run found about one device model: its headline {@code verdict} (the worst rung of
 * its outage phases; null when no primary function was probed in any), its rung in each outage
 * phase by phase name, its timeline of rungs round by round, and per function, how its devices
 * noticed link faults, recovery, reconnects, events and session changes.
 */
public record ModelReport(String model, String kind, String client, int devices, ModelVerdict verdict,
                          Map<String, ModelVerdict> phases, VerdictTimeline timeline,
                          List<FunctionReport> functions, DetectionReport detection, RecoveryReport recovery,
                          ReconnectReport reconnect, EventsReport events, List<SessionChange> sessions) {

    /** The report of one of the model's functions. */
    public FunctionReport function(String name) {
        return functionIfAny(name)
                .orElseThrow(() -> new IllegalArgumentException("no function " + name + " of " + model + " in the report"));
    }

    /** The report of the model's function {@code name}, if it has one. */
    public Optional<FunctionReport> functionIfAny(String name) {
        return functions.stream().filter(function -> function.name().equals(name)).findFirst();
    }

    /** When the first device of the model saw its session change, in scenario seconds, and how many did. */
    public record SessionChange(SessionObserved.Change change, int devices, double firstAtSeconds) {
    }
}
