package io.cloudcut.report;

import io.cloudcut.observation.ProbeObserved;

/**
 * One function's probes in the baseline, counted as they come, and how much slower than them its median could get in a
 * later phase and still read KEPT: the rule of the report's verdicts, for a harness that must know before the outage
 * whether it can tell a slowdown apart.
 */
public final class BaselineLatency {

    private final ProbeTally tally = new ProbeTally();

    public synchronized void add(ProbeObserved probe) {
        tally.add(probe);
    }

    public synchronized long slowdownHiddenMillis() {
        return FunctionVerdicts.slowdownHidden(tally.counts());
    }

    /** The median and 95th percentile latency of those that worked, {@code 120/439 ms}. */
    public synchronized String latencies() {
        PhaseCounts counts = tally.counts();
        return counts.p50LatencyMillis() + "/" + counts.p95LatencyMillis() + " ms";
    }
}
