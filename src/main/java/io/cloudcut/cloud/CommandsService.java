package io.cloudcut.cloud;

import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.ServiceKind;
import io.cloudcut.scenario.WireNames;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Relays app commands to devices and the devices' replies back to the app. A command it held (throttled) says so on its
 * way to the device ({@link Holds}); a device's reply does not repeat it, so the service adds it to the reply it relays,
 * and the app's probe counts the hold at its scenario length as it does an alert's. Each command says when it was sent,
 * so that a device the broker kept it for, while away, can say how long in its reply.
 */
final class CommandsService extends CloudService {

    /** Held commands whose replies have not come yet: a device cut off never replies, so only the latest are kept. */
    private static final int HOLDS_KEPT = 100_000;

    /** By request id, the scenario and real milliseconds each held command was held; the service's own context alone uses it. */
    private final Map<String, long[]> holdsAwaitingReplies = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > HOLDS_KEPT;
        }
    };

    CommandsService(String host, int port, ScenarioClock clock) {
        super(WireNames.of(ServiceKind.COMMANDS), host, port, clock);
    }

    @Override
    List<String> subscriptions() {
        return List.of(CloudTopics.COMMAND_REQUEST, CloudTopics.COMMAND_REPLY);
    }

    /**
     * A request names the device (as a topic level), the function and its request id; a reply the
     * device and the request id, and says {@code ok} as a boolean if at all.
     */
    @Override
    boolean wellFormed(String topic, JsonObject message) {
        boolean common = Payloads.topicLevelField(message, "deviceId").isPresent()
                && Payloads.textField(message, "requestId").isPresent();
        return CloudTopics.COMMAND_REQUEST.equals(topic)
                ? common && Payloads.textField(message, "function").isPresent()
                : common && Payloads.absentOr(message, "ok", message.getValue("ok") instanceof Boolean);
    }

    @Override
    void handle(String topic, JsonObject message) {
        String deviceId = message.getString("deviceId");
        String requestId = message.getString("requestId");
        if (CloudTopics.COMMAND_REQUEST.equals(topic)) {
            long held = message.getLong(Holds.HELD, 0L);
            long heldReal = message.getLong(Holds.HELD_REAL, 0L);
            if (held > 0 || heldReal > 0) {
                holdsAwaitingReplies.put(requestId, new long[] {held, heldReal});
            }
            publish(CloudTopics.command(deviceId), Holds.sent(message, clock.nowMillis()));
        } else {
            long[] commandHeld = holdsAwaitingReplies.remove(requestId);
            publish(CloudTopics.appReply(deviceId), commandHeld == null ? message : Holds.added(message, commandHeld[0], commandHeld[1]));
        }
    }

    /** The app hears about a failed command at once; a device's late reply is dropped. */
    @Override
    void refuse(String topic, JsonObject message, String reason) {
        if (CloudTopics.COMMAND_REQUEST.equals(topic)) {
            publish(CloudTopics.appReply(message.getString("deviceId")), new JsonObject()
                    .put("requestId", message.getString("requestId"))
                    .put("ok", false)
                    .put("by", CloudTopics.BY_CLOUD)
                    .put("detail", reason));
        }
    }
}
