package io.cloudcut.report;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.FaultObserved;

import java.util.ArrayList;
import java.util.List;

/**
 * The detection rule: for each application of a link fault, each device that was connected then
 * and lost its connection before the fault was reverted noticed it after that time. A fault is recorded
 * once it is set on every link, so a device whose connection it closed at once (a reset, a disconnect)
 * lost it before the record: from the start of the phase that applied it, such a loss counts as noticed
 * at once, unless a broker fault of the same change cut every connection first.
 */
final class Detections {

    private Detections() {
    }

    /** {@code faults}: the run's, in order; {@code connections}: the model's, in order; {@code phaseStarts}: in order. */
    static DetectionReport of(List<FaultObserved> faults, List<ConnectionObserved> connections, List<Long> phaseStarts,
                              ClockPace pace) {
        List<Double> seconds = new ArrayList<>();
        double resolution = 0;
        for (FaultObserved applied : faults) {
            if (!applied.onLinks() || !applied.applied()) {
                continue;
            }
            long from = applied.atMillis();
            long until = faults.stream().filter(f -> f.fault().equals(applied.fault()) && !f.applied() && f.atMillis() >= from)
                    .mapToLong(FaultObserved::atMillis).findFirst().orElse(Long.MAX_VALUE);
            long phaseStart = phaseStarts.stream().filter(start -> start <= from).reduce((first, second) -> second).orElse(from);
            // A broker stopped or restarted in the same change cut every connection first: those losses are not this fault's.
            boolean brokerCutFirst = faults.stream().anyMatch(f -> f.onBroker() && f.applied()
                    && f.atMillis() >= phaseStart && f.atMillis() <= from);
            long since = brokerCutFirst ? from : phaseStart;
            for (String device : connections.stream().map(ConnectionObserved::device).distinct().toList()) {
                if (!upAt(device, since, connections)) {
                    continue;
                }
                ConnectionObserved noticed = connections.stream()
                        .filter(c -> c.device().equals(device) && c.change() == ConnectionObserved.Change.DOWN
                                && c.atMillis() >= since && c.atMillis() < until)
                        .findFirst().orElse(null);
                if (noticed != null) {
                    seconds.add(Math.max(0, noticed.atMillis() - from) / 1000.0);
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
