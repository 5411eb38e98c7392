package io.cloudcut.cloud;

import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.ServiceKind;
import io.cloudcut.scenario.WireNames;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Relays app commands to devices and the devices' replies back to the app. */
final class CommandsService extends CloudService {

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
        if (CloudTopics.COMMAND_REQUEST.equals(topic)) {
            publish(CloudTopics.command(deviceId), message);
        } else {
            publish(CloudTopics.appReply(deviceId), message);
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
