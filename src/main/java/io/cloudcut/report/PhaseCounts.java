package io.cloudcut.report;

/**
 * The probes of one function of one model in one phase: how many worked, how many did not and how
 * ({@code failed} is the sum of {@code refused} by the device, {@code cloudError}, {@code timedOut}
 * and {@code unprotected}), the median and 95th percentile of the latency of those that worked, and
 * the phase's verdict compared with the baseline (null before it is judged, and when the function
 * was not probed in the phase: nothing was measured).
 */
public record PhaseCounts(long ok, long failed, long refused, long cloudError, long timedOut, long unprotected,
                          long p50LatencyMillis, long p95LatencyMillis, FunctionVerdict verdict) {

    PhaseCounts withVerdict(FunctionVerdict judged) {
        return new PhaseCounts(ok, failed, refused, cloudError, timedOut, unprotected, p50LatencyMillis, p95LatencyMillis, judged);
    }

    public long total() {
        return ok + failed;
    }

    public double okRate() {
        return total() == 0 ? 0 : (double) ok / total();
    }
}
