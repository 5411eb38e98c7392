package io.cloudcut.report;

import io.cloudcut.observation.ClockObserved;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The instrument's own account of a run: the time scale asked for ({@code auto} or a number) and
 * the one it ran at between transitions, its health over the baseline (which decides whether the
 * run gives verdicts) and over the whole run, and every change of the clock's scale, from which the
 * resolution of each figure follows; by path ({@code cloud}, {@code local}), how much slower than in the
 * baseline a function's median latency could get and still read KEPT, the coarsest of the path's functions
 * (none when the run has no baseline probes).
 */
public record HarnessReport(String timeScaleAsked, double timeScale, Health baseline, Health run,
                            List<ClockChange> clock, Map<String, Long> slowdownHiddenMillis) {

    public HarnessReport {
        clock = List.copyOf(clock);
        // In key order: Map.copyOf's order changes from JVM to JVM, and `cloudcut report` must write the run's report.json byte for byte.
        slowdownHiddenMillis = Collections.unmodifiableSortedMap(new TreeMap<>(slowdownHiddenMillis == null ? Map.of() : slowdownHiddenMillis));
    }

    HarnessReport withSlowdownHidden(Map<String, Long> byPath) {
        return new HarnessReport(timeScaleAsked, timeScale, baseline, run, clock, byPath);
    }

    /** How often the clock dropped to real time because the emulated cloud fell behind. */
    public long cloudWaits() {
        return waits(ClockObserved.Why.CLOUD);
    }

    /** How often the clock dropped to real time because this machine's connections were slow (see {@link ClockObserved.Why#CONNECTS}). */
    public long connectWaits() {
        return waits(ClockObserved.Why.CONNECTS);
    }

    /**
     * How often the clock's climb slowed for the connects' own delay: each time it began to run on the slope that keeps the
     * longest recent connect with nothing faulted within a tenth of the scenario time since the last transition.
     */
    public long connectDelaySlowdowns() {
        return slowdowns(ClockObserved.Why.CONNECT_DELAY);
    }

    /**
     * How often the clock ran slower for the rate of the connects the fleet starts: each time it began to run at the scale
     * that keeps them within half the real rate at which this machine's connects were last found slow
     * ({@link ClockObserved.Why#CONNECT_RATE}).
     */
    public long connectRateSlowdowns() {
        return slowdowns(ClockObserved.Why.CONNECT_RATE);
    }

    /**
     * How often scenario time stood still for connect attempts due, with nothing faulted, beyond those this machine runs
     * at once ({@link ClockObserved.Why#ATTEMPTS}).
     */
    public long attemptWaits() {
        return clock.stream().filter(change -> change.why() == ClockObserved.Why.ATTEMPTS).count();
    }

    private long slowdowns(ClockObserved.Why why) {
        long slowdowns = 0;
        ClockObserved.Why before = null;
        for (ClockChange change : clock) {
            if (change.why() == ClockObserved.Why.ATTEMPTS) {
                continue; // the scale did not change there
            }
            if (change.why() == why && before != why) {
                slowdowns++;
            }
            before = change.why();
        }
        return slowdowns;
    }

    /**
     * Why the run gives no verdicts, when it gives none: its baseline was not healthy, so what the devices did could not be
     * told from what the harness could not carry. Empty when the baseline was healthy or not judged.
     */
    public Optional<String> verdictsRefused() {
        return baseline == null || baseline.healthy() ? Optional.empty()
                : Optional.of("no verdicts: the harness could not measure this run (its baseline was not healthy): "
                        + String.join("; ", baseline.problems()));
    }

    /**
     * What a failed expectation of this run may owe to the harness, when it may: the harness was not healthy after its
     * baseline, so a failure there may be its own, not the devices'. Empty when it was healthy throughout or not judged.
     */
    public Optional<String> failuresInDoubt() {
        List<String> problems = problemsAfterTheBaseline();
        return problems.isEmpty() ? Optional.empty()
                : Optional.of("the harness was not healthy later in the run (" + String.join("; ", problems)
                        + "): the failure may be the harness's, not the devices'");
    }

    /** What kept the harness from being healthy over the run once its baseline was healthy; empty when nothing did. */
    public List<String> problemsAfterTheBaseline() {
        return run == null || run.healthy() ? List.of() : run.problems();
    }

    private long waits(ClockObserved.Why why) {
        return clock.stream().filter(change -> change.why() == why && change.scale() == 1).count();
    }

    /**
     * The harness's figures over a window: event-loop lag and probe start delay (p50, p99, ms), the
     * process's CPU (percent of the machine), the probes and how many failed, and whether it could
     * measure, with the problems that say why not.
     */
    public record Health(long lagP50Millis, long lagP99Millis, long probeDelayP50Millis, long probeDelayP99Millis,
                         double cpuPercent, long probes, long probesFailed, boolean healthy, List<String> problems) {

        public Health {
            problems = List.copyOf(problems);
        }
    }

    /** From {@code atSeconds} (scenario time) the clock ran at {@code scale}, because of {@code why}. */
    public record ClockChange(double atSeconds, double scale, ClockObserved.Why why) {
    }
}
