package io.cloudcut.expectation;

import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.RecoveryReport;
import io.cloudcut.report.RunReport;
import io.cloudcut.scenario.Durations;

import java.time.Duration;

/**
 * Every model's 95th percentile of time to recover (scenario time, as the report gives it) under a
 * bound. The report's percentile is over the devices that recovered; when more of a model's devices
 * were not back than the top 5% its 95th percentile may leave out, the model never reached it.
 */
record RecoveryP95Under(Duration bound) implements Expectation {

    @Override
    public ExpectationResult check(RunReport report) {
        String needed = "needed under " + Durations.format(bound);
        String expectation = "recovery p95 under " + Durations.format(bound);
        ModelReport slowest = null;
        for (ModelReport model : report.models()) {
            RecoveryReport recovery = model.recovery();
            int devices = recovery.devices().size();
            if (recovery.recovered() < Math.ceil(0.95 * devices)) {
                return new ExpectationResult(expectation, false, "recovery p95 of " + model.model() + " never reached: "
                        + recovery.notBack().size() + " of " + devices + " devices not back, " + needed);
            }
            if (devices > 0 && (slowest == null || recovery.p95Seconds() > slowest.recovery().p95Seconds())) {
                slowest = model;
            }
        }
        if (slowest == null) {
            return new ExpectationResult(expectation, false, "no device went through a recovery phase, " + needed);
        }
        double p95 = slowest.recovery().p95Seconds();
        return new ExpectationResult(expectation, p95 < bound.toMillis() / 1000.0, "recovery p95 " + Wording.duration(p95)
                + " (" + slowest.model() + ", the slowest model), " + needed);
    }
}
