package io.cloudcut.report;

import java.util.List;

/**
 * How a model's devices came back after the outage: how many recovered (every function working
 * again by the end of the recovery phase), how many had not but were still trying, how many need a
 * person; the time to recover in scenario seconds, known to within {@code resolutionSeconds} (the
 * widest gap between a device's last round that found a function failing and the round that
 * found them all working), and in real seconds; in real seconds too, how long its devices cut by the
 * outage took to connect again (null when none was cut, or none came back); and each device's own account.
 */
public record RecoveryReport(int recovered, int notRecovered, int needsAPerson, double p50Seconds,
                             double p95Seconds, double maxSeconds, double resolutionSeconds, double wallP50Seconds,
                             double wallMaxSeconds, Double reconnectedWallP50Seconds, Double reconnectedWallMaxSeconds,
                             List<DeviceRecovery> devices) {

    public RecoveryReport {
        devices = List.copyOf(devices);
    }

    /**
     * One device after the outage: its verdict, when it recovered (scenario seconds from the end of
     * the outage; null if it did not), and the state it was in when it recovered or the phase ended.
     */
    public record DeviceRecovery(String device, RecoveryVerdict verdict, Double afterSeconds, String lastState) {
    }

    /** The devices that were not back by the end, whatever the reason. */
    public List<DeviceRecovery> notBack() {
        return devices.stream().filter(device -> device.verdict() != RecoveryVerdict.RECOVERED).toList();
    }
}
