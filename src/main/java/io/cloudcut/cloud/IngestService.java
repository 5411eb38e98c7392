package io.cloudcut.cloud;

import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.ServiceKind;
import io.cloudcut.scenario.WireNames;
import io.vertx.core.json.JsonObject;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Receives device events: status reports become the app's view of the device; everything else goes
 * onto the event stream that other services (notify) consume. Counts, per device, events received,
 * duplicates and events that arrived after a later one.
 */
final class IngestService extends CloudService {

    private final Map<String, Received> received = new HashMap<>();

    IngestService(String host, int port, ScenarioClock clock) {
        super(WireNames.of(ServiceKind.INGEST), host, port, clock);
    }

    @Override
    List<String> subscriptions() {
        return List.of(CloudTopics.INGEST_ALL);
    }

    /** An event says its kind, and its sequence number, if any, is a whole number from 0. */
    @Override
    boolean wellFormed(String topic, JsonObject event) {
        return Payloads.textField(event, "kind").isPresent()
                && Payloads.absentOr(event, "seq", Payloads.wholeNumberField(event, "seq", 0, Integer.MAX_VALUE).isPresent());
    }

    @Override
    void handle(String topic, JsonObject event) {
        String deviceId = CloudTopics.deviceIdIn(topic, 2);
        received.computeIfAbsent(deviceId, id -> new Received()).count(event.getLong("seq", -1L));
        if ("status".equals(event.getString("kind"))) {
            publish(CloudTopics.appStatus(deviceId), event);
        } else {
            publish(CloudTopics.EVENT_STREAM, event.copy().put("deviceId", deviceId));
        }
    }

    @Override
    JsonObject details() {
        JsonObject devices = new JsonObject();
        received.forEach((device, counts) -> devices.put(device, counts.toJson()));
        return new JsonObject().put("devices", devices);
    }

    /** What arrived from one device, by sequence number. */
    private static final class Received {
        private final BitSet seen = new BitSet();
        private long unique;
        private long duplicates;
        private long reordered;
        private long highest = -1;

        void count(long seq) {
            if (seq < 0) {
                return;
            }
            if (seen.get((int) seq)) {
                duplicates++;
                return;
            }
            seen.set((int) seq);
            unique++;
            if (seq < highest) {
                reordered++;
            }
            highest = Math.max(highest, seq);
        }

        JsonObject toJson() {
            return new JsonObject().put("unique", unique).put("duplicates", duplicates).put("reordered", reordered);
        }
    }
}
