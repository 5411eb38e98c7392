package io.cloudcut.expectation;

import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.ModelVerdict;
import io.cloudcut.report.RunReport;

/**
 * A model at least on rung {@code needed} of the verdict ladder: its headline verdict, or its rung in
 * one outage phase.
 */
record ModelVerdictAtLeast(String model, String phase, ModelVerdict needed) implements Expectation {

    @Override
    public ExpectationResult check(RunReport report) {
        ModelReport judged = report.model(model);
        ModelVerdict rung = phase == null ? judged.verdict() : judged.phases().get(phase);
        return Wording.atLeast(model + Wording.during(phase), rung, needed,
                "no rung (no primary function probed once the outage had settled)");
    }
}
