package io.cloudcut.expectation;

import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.RunReport;

/**
 * Whether an event of the fleet may reach ingest twice. Allowed, it always holds, and the result
 * still says how many did.
 */
record DuplicateEvents(boolean allowed) implements Expectation {

    @Override
    public ExpectationResult check(RunReport report) {
        long duplicates = report.models().stream().mapToLong(model -> model.events().duplicates()).sum();
        return new ExpectationResult(allowed ? "duplicate events allowed" : "no duplicate events",
                allowed || duplicates == 0,
                duplicates + " duplicate events reached the cloud" + (allowed ? " (allowed)" : " (needed none)"));
    }
}
