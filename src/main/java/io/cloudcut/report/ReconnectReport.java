package io.cloudcut.report;

import io.cloudcut.observation.ConnectsStuckObserved;

import java.util.List;
import java.util.Map;

/**
 * How a model's devices reconnected: the distribution over devices of failed connection attempts
 * during the run, and of the time from each moment devices could connect again (a link or broker fault
 * reverted, the broker back from a restart) to each cut-off device's next connection (scenario seconds),
 * over its {@code reconnections} by {@code devicesReconnected} devices ({@link Reconnects}); each time is
 * known to within {@code resolutionSeconds} (the harness's own delay times the clock's scale when it came).
 * {@code refusedDevices}: why connect attempts were refused where the device was told (over TLS: a
 * lapsed certificate, an unknown CA), each reason with the number of devices it was given to.
 * {@code connectsLeftWaiting}: connects the devices' client library left waiting for ever, by
 * {@code devicesLeavingConnectsWaiting} devices ({@link ConnectsStuckObserved}): a thread each on a real device.
 */
public record ReconnectReport(int devicesReconnected, int reconnections, long attemptsP50, long attemptsMax, double p50Seconds,
                              double p95Seconds, double maxSeconds, double resolutionSeconds,
                              Map<String, Integer> refusedDevices, long connectsLeftWaiting,
                              int devicesLeavingConnectsWaiting) {

    public ReconnectReport {
        // A report written before refusals were counted reads back with none.
        refusedDevices = refusedDevices == null ? Map.of() : refusedDevices;
        // One written before reconnections were counted timed one a device.
        reconnections = Math.max(reconnections, devicesReconnected);
    }

    /** One with no connect left waiting. */
    public ReconnectReport(int devicesReconnected, int reconnections, long attemptsP50, long attemptsMax, double p50Seconds,
                           double p95Seconds, double maxSeconds, double resolutionSeconds,
                           Map<String, Integer> refusedDevices) {
        this(devicesReconnected, reconnections, attemptsP50, attemptsMax, p50Seconds, p95Seconds, maxSeconds,
                resolutionSeconds, refusedDevices, 0, 0);
    }

    /** This report with the model's connects left waiting for ever, {@code stuck}. */
    ReconnectReport withConnectsLeftWaiting(List<ConnectsStuckObserved> stuck) {
        return new ReconnectReport(devicesReconnected, reconnections, attemptsP50, attemptsMax, p50Seconds, p95Seconds,
                maxSeconds, resolutionSeconds, refusedDevices,
                stuck.stream().mapToLong(ConnectsStuckObserved::connects).sum(),
                (int) stuck.stream().map(ConnectsStuckObserved::device).distinct().count());
    }
}
