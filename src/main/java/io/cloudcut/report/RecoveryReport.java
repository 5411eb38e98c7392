package io.cloudcut.report;

import java.util.List;

/**
 * How a model's devices came back after the outage: how many had every function working again by
 * the end of the recovery phase, and how long that took, in scenario seconds (and in real seconds,
 * since protocol timers are not compressed); the stuck ones with the state they were left in.
 */
public record RecoveryReport(int recovered, int stuck, double p50Seconds, double p95Seconds, double maxSeconds,
                             double wallP50Seconds, double wallMaxSeconds, List<StuckDevice> stuckDevices) {

    /** A device that had not recovered when the recovery phase ended. */
    public record StuckDevice(String device, String lastState) {
    }
}
