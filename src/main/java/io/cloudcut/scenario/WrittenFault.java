package io.cloudcut.scenario;

import java.util.ArrayList;
import java.util.List;

/** A fault of a scenario with its phase and the JSON pointer of where it is written, for a warning placed at it. */
record WrittenFault(Phase phase, FaultSpec fault, String pointer) {

    /** Every fault of {@code scenario}, phase by phase, in the order written. */
    static List<WrittenFault> of(Scenario scenario) {
        List<WrittenFault> written = new ArrayList<>();
        for (int p = 0; p < scenario.phases().size(); p++) {
            Phase phase = scenario.phases().get(p);
            for (int f = 0; f < phase.faults().size(); f++) {
                written.add(new WrittenFault(phase, phase.faults().get(f), "/phases/" + p + "/faults/" + f));
            }
        }
        return written;
    }
}
