package io.cloudcut.harness;

import io.cloudcut.cloud.CloudControl;
import io.cloudcut.observation.CloudReceivedObserved;
import io.cloudcut.observation.EventsObserved;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The other side of every device's event account: what ingest received, once the devices have stopped
 * and the broker has handed ingest what they delivered last (every delivered event has arrived, or none
 * arrived for a while: those were lost in the cloud).
 */
final class CloudReceipts {

    /** How long ingest may go without receiving anything more before the rest counts as lost in the cloud. */
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(5);

    private final ObservationLog log;
    /** What each device says it delivered, by its latest account: filled as the accounts are observed. */
    private final Map<String, Long> delivered = new ConcurrentHashMap<>();

    private CloudReceipts(ObservationLog log) {
        this.log = log;
    }

    /** Reads each device's event accounts from the run's log from now on. */
    static CloudReceipts watching(ObservationLog log) {
        CloudReceipts receipts = new CloudReceipts(log);
        log.watch(observation -> {
            if (observation instanceof EventsObserved account) {
                receipts.delivered.put(account.device(), account.delivered());
            }
        });
        return receipts;
    }

    /** Once ingest has all the devices delivered, or has received nothing more for a while, logs what it received. */
    void record(CloudControl cloud, ScenarioClock clock) throws InfrastructureException {
        Map<String, JsonObject> received = Waits.await(cloud.receivedByIngest(), "asking ingest what it received");
        long quietSince = System.nanoTime();
        long deadline = quietSince + SETTLE_LIMIT.toNanos();
        while (!allArrived(received) && System.nanoTime() < deadline && System.nanoTime() - quietSince < QUIET.toNanos()) {
            Waits.pause(POLL);
            Map<String, JsonObject> now = Waits.await(cloud.receivedByIngest(), "asking ingest what it received");
            if (!now.equals(received)) {
                quietSince = System.nanoTime();
            }
            received = now;
        }
        long at = clock.nowMillis();
        received.forEach((device, counts) -> log.add(new CloudReceivedObserved(at, device, counts.getLong("unique"),
                counts.getLong("duplicates"), counts.getLong("reordered"))));
    }

    private boolean allArrived(Map<String, JsonObject> received) {
        return delivered.entrySet().stream().allMatch(device -> received.containsKey(device.getKey())
                && received.get(device.getKey()).getLong("unique") >= device.getValue());
    }
}
