package io.cloudcut.report;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.EventsObserved;
import io.cloudcut.observation.FaultObserved;
import io.cloudcut.observation.ServiceObserved;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The reconnect rule: each time a device lost its connection and then connected again, the time from the last
 * moment before that from which it could (a fault on links or on the broker reverted, the broker up after a
 * restart or a stop, its own link reopened by a fault that stayed on: a {@code flap}'s up half) to its
 * connection: up to the start of the attempt that made it, plus that exchange's real length. A broker that
 * restarts every few minutes gives a figure for each restart, not only for the last fault's end. A loss with no
 * such moment before the device was up again (nothing faulted, or a fault that let it reconnect through it) is
 * not a reconnect. Attempts come from each device's own account of failed
 * connection attempts.
 */
final class Reconnects {

    private Reconnects() {
    }

    /**
     * {@code faults}, {@code services} and {@code linkReopenings} (by device): the run's; {@code connections} and
     * {@code events}: the model's, each in the order observed.
     */
    static ReconnectReport of(List<FaultObserved> faults, List<ServiceObserved> services,
                              Map<String, List<Long>> linkReopenings, List<ConnectionObserved> connections,
                              List<EventsObserved> events, ClockPace pace) {
        long[] fleetMoments = Stream.concat(
                        faults.stream().filter(fault -> fault.onConnections() && !fault.applied()).map(FaultObserved::atMillis),
                        services.stream().filter(ServiceObserved::brokerBack).map(ServiceObserved::atMillis))
                .mapToLong(Long::longValue).toArray();
        Map<String, List<ConnectionObserved>> byDevice = connections.stream()
                .collect(Collectors.groupingBy(ConnectionObserved::device, TreeMap::new, Collectors.toList()));
        List<Double> seconds = new ArrayList<>();
        double resolution = 0;
        int devices = 0;
        for (Map.Entry<String, List<ConnectionObserved>> device : byDevice.entrySet()) {
            List<ConnectionObserved> changes = device.getValue();
            long[] moments = withReopenings(fleetMoments, linkReopenings.getOrDefault(device.getKey(), List.of()));
            int before = seconds.size();
            long downAt = -1;
            for (ConnectionObserved change : changes) {
                if (change.change() == ConnectionObserved.Change.DOWN && downAt < 0) {
                    downAt = change.atMillis();
                } else if (change.change() == ConnectionObserved.Change.UP && downAt >= 0) {
                    long from = lastWithin(moments, downAt, change.atMillis());
                    if (from >= 0) {
                        // The attempt's network exchange counts at its real length, not times the scale then.
                        boolean attemptAfter = change.attemptStartedAtMillis() >= from;
                        seconds.add(attemptAfter
                                ? (change.attemptStartedAtMillis() - from + change.attemptRealMillis()) / 1000.0
                                : (change.atMillis() - from) / 1000.0);
                        resolution = Math.max(resolution,
                                pace.resolutionSeconds(attemptAfter ? change.attemptStartedAtMillis() : change.atMillis(), 0));
                    }
                    downAt = -1;
                }
            }
            devices += seconds.size() > before ? 1 : 0;
        }
        List<Long> attempts = events.stream().map(e -> (long) e.reconnectAttempts()).sorted().toList();
        Collections.sort(seconds);
        return new ReconnectReport(devices, seconds.size(),
                Percentiles.nearestRank(attempts, 50, 0L), Percentiles.nearestRank(attempts, 100, 0L),
                Percentiles.nearestRank(seconds, 50, 0.0), Percentiles.nearestRank(seconds, 95, 0.0),
                Percentiles.nearestRank(seconds, 100, 0.0), resolution, refusedDevices(byDevice));
    }

    private static long[] withReopenings(long[] fleetMoments, List<Long> reopenings) {
        return reopenings.isEmpty() ? fleetMoments
                : LongStream.concat(LongStream.of(fleetMoments), reopenings.stream().mapToLong(Long::longValue)).toArray();
    }

    /** The last of the moments after {@code after} and at most {@code until}, or -1. */
    private static long lastWithin(long[] moments, long after, long until) {
        return LongStream.of(moments).filter(moment -> moment > after && moment <= until).max().orElse(-1);
    }

    /** Each reason a device was refused for, with how many devices were given it (a device counts once a reason). */
    private static Map<String, Integer> refusedDevices(Map<String, List<ConnectionObserved>> changesByDevice) {
        Map<String, Integer> devices = new TreeMap<>();
        changesByDevice.values().forEach(changes -> changes.stream()
                .filter(change -> change.change() == ConnectionObserved.Change.REFUSED && change.cause() != null)
                .map(ConnectionObserved::cause).distinct()
                .forEach(cause -> devices.merge(cause, 1, Integer::sum)));
        return devices;
    }
}
