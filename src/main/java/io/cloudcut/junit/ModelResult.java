package io.cloudcut.junit;

import io.cloudcut.expectation.Expectations;
import io.cloudcut.report.FunctionReport;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.ModelVerdict;
import org.opentest4j.AssertionFailedError;

/**
 * One model of a run: its rung on the verdict ladder, over the outage or {@link #during} a phase, and
 * its {@link #function functions}.
 */
public final class ModelResult {

    private final ResilienceResult run;
    private final ModelReport model;
    private final String phase;

    ModelResult(ResilienceResult run, ModelReport model) {
        this(run, model, null);
    }

    private ModelResult(ResilienceResult run, ModelReport model, String phase) {
        this.run = run;
        this.model = model;
        this.phase = phase;
    }

    /** The same model judged in one phase of the scenario; a phase the run did not have fails, naming those it had. */
    public ModelResult during(String phaseName) {
        Phases.check(run.report(), phaseName);
        return new ModelResult(run, model, phaseName);
    }

    /** One function of the model; a function it does not have fails, naming those it has. */
    public FunctionResult function(String name) {
        FunctionReport function = model.functions().stream().filter(candidate -> candidate.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionFailedError("model " + model.model() + " has no function "
                        + name + " (its functions: " + String.join(", ", model.functions().stream()
                        .map(FunctionReport::name).toList()) + ")"));
        return new FunctionResult(run, model.model(), function.name(), phase);
    }

    /** The model's rung is {@code needed} or better (the ladder runs from FULLY_AVAILABLE down). */
    public ModelResult isAtLeast(ModelVerdict needed) {
        run.holds(Expectations.modelAtLeast(model.model(), phase, needed));
        return this;
    }

    /** The model's report, as {@code report.json} has it. */
    public ModelReport report() {
        return model;
    }
}
