package io.cloudcut.expectation;

import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.RunReport;

/** One thing a run must show, checked against its report. */
public interface Expectation {

    /** Whether the run met it, and the figure that decided it. */
    ExpectationResult check(RunReport report);
}
