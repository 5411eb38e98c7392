package io.cloudcut.report;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.RecoveryObserved;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The recovery rule: a device that had every function working again before the recovery phase
 * ended is {@code RECOVERED}, with the time from the end of the outage; one that had not is
 * {@code NEEDS_A_PERSON} when its client gave up reconnecting at any point of the run or its
 * firmware said it waits for someone, and {@code NOT_RECOVERED} when it was still trying.
 */
final class Recoveries {

    private Recoveries() {
    }

    /** {@code recoveries} and {@code connections}: the model's. */
    static RecoveryReport of(List<RecoveryObserved> recoveries, List<ConnectionObserved> connections) {
        Set<String> gaveUp = connections.stream().filter(c -> c.change() == ConnectionObserved.Change.GAVE_UP)
                .map(ConnectionObserved::device).collect(Collectors.toSet());
        List<RecoveryReport.DeviceRecovery> devices = recoveries.stream()
                .sorted(Comparator.comparing(RecoveryObserved::device))
                .map(r -> new RecoveryReport.DeviceRecovery(r.device(), verdict(r, gaveUp),
                        r.recovered() ? r.afterMillis() / 1000.0 : null, r.lastState()))
                .toList();
        List<Double> seconds = recoveries.stream().filter(RecoveryObserved::recovered)
                .map(r -> r.afterMillis() / 1000.0).sorted().toList();
        List<Double> wall = recoveries.stream().filter(RecoveryObserved::recovered)
                .map(r -> r.realAfterMillis() / 1000.0).sorted().toList();
        List<Double> reconnected = recoveries.stream().map(RecoveryObserved::reconnectedRealAfterMillis)
                .filter(Objects::nonNull).map(millis -> millis / 1000.0).sorted().toList();
        double resolution = recoveries.stream().filter(RecoveryObserved::recovered)
                .mapToDouble(r -> r.withinMillis() / 1000.0).max().orElse(0);
        return new RecoveryReport(count(devices, RecoveryVerdict.RECOVERED), count(devices, RecoveryVerdict.NOT_RECOVERED),
                count(devices, RecoveryVerdict.NEEDS_A_PERSON), Percentiles.nearestRank(seconds, 50, 0.0),
                Percentiles.nearestRank(seconds, 95, 0.0), Percentiles.nearestRank(seconds, 100, 0.0), resolution,
                Percentiles.nearestRank(wall, 50, 0.0), Percentiles.nearestRank(wall, 100, 0.0),
                reconnected.isEmpty() ? null : Percentiles.nearestRank(reconnected, 50, 0.0),
                reconnected.isEmpty() ? null : Percentiles.nearestRank(reconnected, 100, 0.0), devices);
    }

    private static RecoveryVerdict verdict(RecoveryObserved recovery, Set<String> gaveUp) {
        if (recovery.recovered()) {
            return RecoveryVerdict.RECOVERED;
        }
        return recovery.needsPerson() || gaveUp.contains(recovery.device())
                ? RecoveryVerdict.NEEDS_A_PERSON : RecoveryVerdict.NOT_RECOVERED;
    }

    private static int count(List<RecoveryReport.DeviceRecovery> devices, RecoveryVerdict verdict) {
        return (int) devices.stream().filter(device -> device.verdict() == verdict).count();
    }
}
