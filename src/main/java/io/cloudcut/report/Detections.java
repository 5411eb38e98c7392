package io.cloudcut.report;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.FaultObserved;

import java.util.ArrayList;
import java.util.List;

/**
 * The detection rule: for each application of a link fault, each device that was connected then
 * and lost its connection before the fault was reverted noticed it after that time.
 */
final class Detections {

    private Detections() {
    }

    /** {@code faults}: the run's, in order; {@code connections}: the model's, in order. */
    static DetectionReport of(List<FaultObserved> faults, List<ConnectionObserved> connections, ClockPace pace) {
        List<Double> seconds = new ArrayList<>();
        double resolution = 0;
        for (FaultObserved applied : faults) {
            if (!applied.onLinks() || !applied.applied()) {
                continue;
            }
            long from = applied.atMillis();
            long until = faults.stream().filter(f -> f.fault().equals(applied.fault()) && !f.applied() && f.atMillis() >= from)
                    .mapToLong(FaultObserved::atMillis).findFirst().orElse(Long.MAX_VALUE);
            for (String device : connections.stream().map(ConnectionObserved::device).distinct().toList()) {
                if (!upAt(device, from, connections)) {
                    continue;
                }
                ConnectionObserved noticed = connections.stream()
                        .filter(c -> c.device().equals(device) && c.change() == ConnectionObserved.Change.DOWN
                                && c.atMillis() >= from && c.atMillis() < until)
                        .findFirst().orElse(null);
                if (noticed != null) {
                    seconds.add((noticed.atMillis() - from) / 1000.0);
                    resolution = Math.max(resolution, pace.resolutionSeconds(noticed.atMillis(), 0));
                }
            }
        }
        List<Double> sorted = seconds.stream().sorted().toList();
        return new DetectionReport(sorted.size(), Percentiles.nearestRank(sorted, 50, 0.0),
                Percentiles.nearestRank(sorted, 100, 0.0), resolution);
    }

    private static boolean upAt(String device, long moment, List<ConnectionObserved> connections) {
        return connections.stream().filter(c -> c.device().equals(device) && c.atMillis() <= moment)
                .reduce((first, second) -> second)
                .map(last -> last.change() == ConnectionObserved.Change.UP).orElse(false);
    }
}
