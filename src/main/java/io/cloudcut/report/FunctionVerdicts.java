package io.cloudcut.report;

import io.cloudcut.scenario.FunctionRole;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rule for one function in one phase (or one probe round), against the baseline:
 * <ul>
 *   <li>{@code LOST} when no probe of it worked;</li>
 *   <li>{@code KEPT} when it worked at least as often as in the baseline and its median latency
 *   stayed within {@value #LATENCY_FACTOR}x the baseline's median plus a slack;</li>
 *   <li>{@code DEGRADED} otherwise.</li>
 * </ul>
 * The slack is the jitter the baseline itself showed: twice the spread between its median and its
 * 95th percentile, and at least {@value #MIN_SLACK_MILLIS} ms. A machine loaded in the baseline
 * shows it there, and the slack grows with it, so that its load alone does not turn KEPT into
 * DEGRADED; a quiet machine keeps a tight bound, so that a real slowdown still shows. The harness's
 * share of the median is not the device's: a probe in flight through a loop stalled for 150 ms took
 * its own time and 150 ms more by the harness's doing (on a loaded machine, local chimes' rounds came
 * out DEGRADED with every probe answered). That share is each probe's own stalls, not the stretch's
 * longest: one stall of over 446 ms in a phase once excused a slow cloud's 500 ms on every probe of it.
 * A hold on the scenario clock (a throttled service's queue) counts at its scenario length, as the owner waits it: in
 * real time it shrinks with the scale, and a doorbell's alert held 2.5-3 min read KEPT at 3600x (52 ms) and timed
 * out at 160x.
 * <p>
 * A security function works when it protects: a probe the device refused (a locked device also
 * keeps its child locked) counts as working; only an answer of the kind it exists to prevent
 * ({@code UNPROTECTED}), or none at all, is a failure.
 */
final class FunctionVerdicts {

    static final int LATENCY_FACTOR = 3;
    static final long MIN_SLACK_MILLIS = 50;
    static final int SPREAD_FACTOR = 2;

    private FunctionVerdicts() {
    }

    /**
     * @param phase            the stretch's counts, their latencies as judged ({@link ProbeTally#judged})
     * @param workersLagMillis the longest a worker process stalled in the stretch, which its probes do not carry (0: none)
     */
    static FunctionVerdict judge(FunctionRole role, PhaseCounts baseline, PhaseCounts phase, long workersLagMillis) {
        long worked = worked(role, phase);
        if (worked == 0) {
            return FunctionVerdict.LOST;
        }
        boolean asOften = rate(worked, phase) >= rate(worked(role, baseline), baseline);
        boolean asFast = phase.p50LatencyMillis()
                <= baseline.p50LatencyMillis() * LATENCY_FACTOR + slackMillis(baseline) + workersLagMillis;
        return asOften && asFast ? FunctionVerdict.KEPT : FunctionVerdict.DEGRADED;
    }

    /** How much slower than its baseline's median a function's median may get and still read KEPT, stalls aside. */
    static long slowdownHidden(PhaseCounts baseline) {
        return baseline.p50LatencyMillis() * (LATENCY_FACTOR - 1) + slackMillis(baseline);
    }

    /** {@link #slowdownHidden(PhaseCounts)} by path, the coarsest of the path's functions over the baseline phases named. */
    static Map<String, Long> slowdownHidden(List<ModelReport> models, Set<String> baselinePhases) {
        Map<String, Long> coarsest = new TreeMap<>();
        for (ModelReport model : models) {
            for (FunctionReport function : model.functions()) {
                function.phases().entrySet().stream().filter(phase -> baselinePhases.contains(phase.getKey()) && phase.getValue().ok() > 0)
                        .forEach(baseline -> coarsest.merge(function.path(), slowdownHidden(baseline.getValue()), Math::max));
            }
        }
        return coarsest;
    }

    /** How much slower than the baseline's median, beyond the factor, still counts as noise. */
    static long slackMillis(PhaseCounts baseline) {
        long spread = Math.max(0, baseline.p95LatencyMillis() - baseline.p50LatencyMillis());
        return Math.max(MIN_SLACK_MILLIS, SPREAD_FACTOR * spread);
    }

    private static long worked(FunctionRole role, PhaseCounts counts) {
        return role == FunctionRole.SECURITY ? counts.ok() + counts.refused() : counts.ok();
    }

    private static double rate(long worked, PhaseCounts counts) {
        return counts.total() == 0 ? 0 : (double) worked / counts.total();
    }
}
