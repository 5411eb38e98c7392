package io.cloudcut.expectation;

import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.RunReport;
import io.cloudcut.scenario.Durations;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/**
 * Every model's 95th percentile of time to connect again under a bound (scenario time, as the report gives it),
 * over each time one of its devices did after a moment from which it could: a fault on links or the broker
 * lifted, the broker back from a restart. A device that never connected again is the recovery's to count
 * ({@code noneUnrecovered}).
 */
record ReconnectP95Under(Duration bound) implements Expectation {

    @Override
    public ExpectationResult check(RunReport report) {
        String needed = "needed under " + Durations.format(bound);
        String expectation = "reconnect p95 under " + Durations.format(bound);
        Optional<ModelReport> slowest = report.models().stream().filter(model -> model.reconnect().reconnections() > 0)
                .max(Comparator.comparingDouble(model -> model.reconnect().p95Seconds()));
        if (slowest.isEmpty()) {
            return new ExpectationResult(expectation, false, "no device connected again after a fault, " + needed);
        }
        double p95 = slowest.get().reconnect().p95Seconds();
        return new ExpectationResult(expectation, p95 < bound.toMillis() / 1000.0, "reconnect p95 " + Wording.duration(p95)
                + " (" + slowest.get().model() + ", the slowest model, over its " + slowest.get().reconnect().reconnections()
                + " reconnects), " + needed);
    }
}
