package io.cloudcut.report;

import java.util.List;

/**
 * How a model's devices came back after the outage: how many had every function working again by
 * the end of the recovery phase, and how long that took, in scenario seconds (and in real seconds,
 * since protocol timers are not compressed); the stuck ones with the state they were left in.
 */
public record RecoveryReport(int recovered, int stuck, double p50Seconds, double p95Seconds, double maxSeconds,
                             double wallP50Seconds, double wallMaxSeconds, List<StuckDevice> stuckDevices) {

    /**
     * A device that had not recovered when the recovery phase ended: {@code STUCK} when its client
     * gave up reconnecting (it needs a person), {@code STUCK_LAST_STATE} when it is still trying but
     * left in the state it was in.
     */
    public record StuckDevice(String device, String verdict, String lastState) {
    }
}
