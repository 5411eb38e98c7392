package io.cloudcut.report;

/**
 * How long a model's devices took to notice that link faults had cut them off: from the faults'
 * application to each device's first loss of its connection while they held (a blackhole is
 * noticed only through keepalive or a missing PUBACK, a reset at once), over the devices that
 * noticed, in scenario seconds, each known to within {@code resolutionSeconds}.
 */
public record DetectionReport(int devicesNoticed, double p50Seconds, double maxSeconds, double resolutionSeconds) {
}
