package io.cloudcut.expectation;

import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.FunctionReport;
import io.cloudcut.report.FunctionVerdict;
import io.cloudcut.report.PhaseCounts;
import io.cloudcut.report.RunReport;

/**
 * A function of a model judged at least {@code needed} in a phase, or without one over the outage
 * (the worst of its outage phases, as the report's verdict column).
 */
record FunctionVerdictAtLeast(String model, String function, String phase, FunctionVerdict needed)
        implements Expectation {

    @Override
    public ExpectationResult check(RunReport report) {
        FunctionReport judged = report.model(model).function(function);
        PhaseCounts inPhase = phase == null ? null : judged.phases().get(phase);
        FunctionVerdict verdict = phase == null ? judged.verdict() : inPhase == null ? null : inPhase.verdict();
        return Wording.atLeast(Wording.function(model, function, phase), verdict, needed, "not probed");
    }
}
