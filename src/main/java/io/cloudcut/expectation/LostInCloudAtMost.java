package io.cloudcut.expectation;

import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.RunReport;

/** At most {@code bound} events of the whole fleet delivered to the broker and never received by ingest. */
record LostInCloudAtMost(long bound) implements Expectation {

    @Override
    public ExpectationResult check(RunReport report) {
        long lost = report.models().stream().mapToLong(model -> model.events().lostInCloud()).sum();
        return new ExpectationResult("at most " + bound + " events lost in the cloud", lost <= bound,
                lost + " events lost in the cloud (needed at most " + bound + ")");
    }
}
