package io.cloudcut.report;

/**
 * The probes of one function of one model in one phase: how many worked, how many did not and how,
 * their median latency, and the phase's verdict compared with the baseline (null before it is judged).
 */
public record PhaseCounts(long ok, long failed, long refused, long timedOut, long p50LatencyMillis,
                          FunctionVerdict verdict) {

    PhaseCounts judged(PhaseCounts baseline) {
        return new PhaseCounts(ok, failed, refused, timedOut, p50LatencyMillis, Verdicts.functionVerdict(baseline, this));
    }

    public long total() {
        return ok + failed;
    }

    public double okRate() {
        return total() == 0 ? 0 : (double) ok / total();
    }
}
