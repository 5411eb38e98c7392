package io.cloudcut.report;

import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.scenario.FunctionRole;

import java.util.Map;
import java.util.TreeMap;

/**
 * The probes of one function in one stretch (a phase, the baseline, a probe round), counted as they
 * come: outcomes, and the latencies of those that worked by value, so that the percentiles are the
 * measured ones while memory grows with the distinct latencies (whole milliseconds, at most the probe
 * timeout), not with the probes. The latencies a stretch is judged on are counted too: each less the
 * harness's stalls in it, and with the cloud's holds on the scenario clock at their scenario length instead of
 * the real time they took ({@code ProbeObserved#heldMillis}): what the devices' owners would have waited.
 */
final class ProbeTally {

    private long ok;
    private long failed;
    private long refused;
    private long cloudError;
    private long timedOut;
    private long unprotected;
    private final TreeMap<Long, Long> latencies = new TreeMap<>();
    private final TreeMap<Long, Long> judgedLatencies = new TreeMap<>();

    void add(ProbeObserved probe) {
        switch (probe.outcome()) {
            case OK -> {
                ok++;
                latencies.merge(probe.latencyMillis(), 1L, Long::sum);
                judgedLatencies.merge(Math.max(0, probe.latencyMillis() - probe.stalledMillis() - probe.heldRealMillis())
                        + probe.heldMillis(), 1L, Long::sum);
            }
            case REFUSED -> refused++;
            case CLOUD_ERROR -> cloudError++;
            case TIMED_OUT -> timedOut++;
            case UNPROTECTED -> unprotected++;
        }
        failed += probe.ok() ? 0 : 1;
    }

    void addAll(ProbeTally other) {
        ok += other.ok;
        failed += other.failed;
        refused += other.refused;
        cloudError += other.cloudError;
        timedOut += other.timedOut;
        unprotected += other.unprotected;
        other.latencies.forEach((latency, count) -> latencies.merge(latency, count, Long::sum));
        other.judgedLatencies.forEach((latency, count) -> judgedLatencies.merge(latency, count, Long::sum));
    }

    boolean isEmpty() {
        return ok + failed == 0;
    }

    /** The counts, not yet judged. */
    PhaseCounts counts() {
        return new PhaseCounts(ok, failed, refused, cloudError, timedOut, unprotected, percentile(latencies, 50),
                percentile(latencies, 95), null);
    }

    /**
     * The counts, judged against the baseline's on the median of the latencies judged ({@link ProbeTally}), and allowing
     * for the workers' longest stall in the stretch ({@code workersLagMillis}), which the probes do not carry.
     */
    PhaseCounts judged(PhaseCounts baseline, FunctionRole role, long workersLagMillis) {
        PhaseCounts measured = counts();
        PhaseCounts asJudged = new PhaseCounts(ok, failed, refused, cloudError, timedOut, unprotected,
                percentile(judgedLatencies, 50), percentile(judgedLatencies, 95), null);
        return measured.withVerdict(isEmpty() ? null : FunctionVerdicts.judge(role, baseline, asJudged, workersLagMillis));
    }

    /** Nearest rank, as {@link Percentiles#nearestRank} over the sorted latencies; 0 when none worked. */
    private long percentile(TreeMap<Long, Long> latencies, int percent) {
        if (ok == 0) {
            return 0;
        }
        long rank = Math.max(1, Math.min(ok, (long) Math.ceil(percent / 100.0 * ok)));
        long seen = 0;
        for (Map.Entry<Long, Long> value : latencies.entrySet()) {
            seen += value.getValue();
            if (seen >= rank) {
                return value.getKey();
            }
        }
        throw new IllegalStateException("fewer latencies than probes that worked");
    }
}
