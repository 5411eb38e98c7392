package io.cloudcut.report;

/** What the outage did to one function of one model, compared with the baseline. */
public enum FunctionVerdict {
    /** Worked during the outage as in the baseline. */
    KEPT,
    /** Worked only some of the time, or much slower. */
    DEGRADED,
    /** Never worked during the outage. */
    LOST
}
