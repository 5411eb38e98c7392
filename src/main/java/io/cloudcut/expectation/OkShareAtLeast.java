package io.cloudcut.expectation;

import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.PhaseCounts;
import io.cloudcut.report.RunReport;
import io.cloudcut.scenario.Durations;

/**
 * At least {@code share} of a function's probes in a phase worked (those the phase counts: after its
 * settle time). A phase where it was not probed does not meet it: nothing showed that it worked.
 */
record OkShareAtLeast(String model, String function, String phase, double share, String written)
        implements Expectation {

    @Override
    public ExpectationResult check(RunReport report) {
        PhaseCounts counts = report.model(model).function(function).phases().get(phase);
        boolean probed = counts != null && counts.total() > 0;
        String subject = Wording.function(model, function, phase);
        // rounded down, so that a share just short of the bound never reads as reaching it
        String figure = !probed ? "not probed" : String.format("%d of %d probes ok, %s%%", counts.ok(), counts.total(),
                Durations.number(Math.floor(counts.okRate() * 1000) / 10));
        return new ExpectationResult(subject + ": at least " + written + " of probes ok",
                probed && counts.okRate() >= share,
                subject + ": " + figure + " (needed at least " + written + ")");
    }
}
