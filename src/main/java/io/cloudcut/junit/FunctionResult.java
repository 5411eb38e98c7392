package io.cloudcut.junit;

import io.cloudcut.expectation.Expectations;
import io.cloudcut.report.FunctionVerdict;

/** One function of a model, judged over the outage (the worst of its phases) or {@link #during} one phase. */
public final class FunctionResult {

    private final ResilienceResult run;
    private final String model;
    private final String function;
    private final String phase;

    FunctionResult(ResilienceResult run, String model, String function, String phase) {
        this.run = run;
        this.model = model;
        this.function = function;
        this.phase = phase;
    }

    /** The same function judged in one phase; a phase the run did not have fails, naming those it had. */
    public FunctionResult during(String phaseName) {
        Phases.check(run.report(), phaseName);
        return new FunctionResult(run, model, function, phaseName);
    }

    /** The function kept working: {@code KEPT}. */
    public FunctionResult isKept() {
        return isAtLeast(FunctionVerdict.KEPT);
    }

    /** The function's verdict is {@code needed} or better (KEPT, then DEGRADED, then LOST). */
    public FunctionResult isAtLeast(FunctionVerdict needed) {
        run.holds(Expectations.functionAtLeast(model, function, phase, needed));
        return this;
    }

    /** At least {@code share} (0 to 1) of the function's probes worked in the phase; needs {@link #during}. */
    public FunctionResult okAtLeast(double share) {
        if (phase == null) {
            throw new IllegalStateException("okAtLeast counts the probes of one phase: name it with during(...)");
        }
        run.holds(Expectations.okShareAtLeast(model, function, phase, share));
        return this;
    }
}
