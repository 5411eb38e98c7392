package io.cloudcut.report;

import java.util.List;

/** Everything a run found about one device model. */
public record ModelReport(String model, String kind, String client, int devices, ModelVerdict verdict,
                          List<FunctionReport> functions, RecoveryReport recovery, ReconnectReport reconnect,
                          EventsReport events, List<SessionChange> sessions) {

    /** When the first device of the model saw its session change, in scenario seconds, and how many did. */
    public record SessionChange(String change, int devices, double firstAtSeconds) {
    }
}
