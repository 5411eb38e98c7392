package io.cloudcut.junit;

import io.cloudcut.report.RunReport;
import org.opentest4j.AssertionFailedError;

/** A phase named in a check must be one the run had: a typo would otherwise read as "not probed". */
final class Phases {

    private Phases() {
    }

    static void check(RunReport report, String phase) {
        if (report.phases().stream().noneMatch(candidate -> candidate.name().equals(phase))) {
            throw new AssertionFailedError("no phase " + phase + " in the run of " + report.scenario() + " (its phases: "
                    + String.join(", ", report.phases().stream().map(RunReport.PhaseReport::name).toList()) + ")");
        }
    }
}
