package io.cloudcut.comparison;

import io.cloudcut.report.ModelReport;
import io.cloudcut.report.RecoveryReport;

/**
 * How a model's devices came back: the percentiles of the time to recover (scenario time, over the
 * devices that recovered; within {@link Tolerance#time}), and how many were not back, which any
 * increase makes worse: a device that does not come back is never noise.
 */
final class RecoveryFigures {

    private RecoveryFigures() {
    }

    static void compare(ModelReport was, ModelReport now, Tally tally) {
        Tally.Subject model = Tally.Subject.of(was.model());
        RecoveryReport before = was.recovery();
        RecoveryReport after = now.recovery();
        if (before.recovered() > 0 && after.recovered() > 0) {
            double interval = probeInterval(was, now);
            time(tally, model, "p50", before.p50Seconds(), after.p50Seconds(), interval);
            time(tally, model, "p95", before.p95Seconds(), after.p95Seconds(), interval);
            time(tally, model, "max", before.maxSeconds(), after.maxSeconds(), interval);
        }
        tally.count(model, "devices NOT_RECOVERED", before.notRecovered(), after.notRecovered(), 0);
        tally.count(model, "devices NEEDS_A_PERSON", before.needsAPerson(), after.needsAPerson(), 0);
    }

    private static void time(Tally tally, Tally.Subject model, String percentile, double was, double now,
                             double interval) {
        double tolerance = Tolerance.time(was, interval);
        tally.figure(model, "recovery " + percentile + " (tolerance " + toTheSecond(tolerance) + ")", was, now, tolerance,
                RecoveryFigures::toTheSecond);
    }

    /**
     * Scenario seconds to the second ({@code 3m41s}): the run's tables round to the minute, too
     * coarse to show a change of 10%.
     */
    static String toTheSecond(double seconds) {
        long whole = Math.round(seconds);
        if (whole < 60) {
            return whole + "s";
        }
        if (whole < 3600) {
            return String.format("%dm%02ds", whole / 60, whole % 60);
        }
        return String.format("%dh%02dm%02ds", whole / 3600, whole / 60 % 60, whole % 60);
    }

    /**
     * The spacing of the recovery's probe rounds, as the runs state it (the recovery's resolution:
     * the widest gap between a device's last failing round and the round that found it back), the
     * wider of the two runs.
     */
    private static double probeInterval(ModelReport was, ModelReport now) {
        return Math.max(was.recovery().resolutionSeconds(), now.recovery().resolutionSeconds());
    }
}
