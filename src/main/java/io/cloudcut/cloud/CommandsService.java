package io.cloudcut.cloud;

import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Relays app commands to devices and the devices' replies back to the app. */
final class CommandsService extends CloudService {

    CommandsService(String host, int port, ScenarioClock clock) {
        super("commands", host, port, clock);
    }

    @Override
    List<String> subscriptions() {
        return List.of(CloudTopics.COMMAND_REQUEST, CloudTopics.COMMAND_REPLY);
    }

    @Override
    void handle(String topic, JsonObject message) {
        String deviceId = message.getString("deviceId");
        if (deviceId == null || deviceId.isEmpty()) {
            return;
        }
        if (CloudTopics.COMMAND_REQUEST.equals(topic)) {
            publish(CloudTopics.command(deviceId), message);
        } else {
            publish(CloudTopics.appReply(deviceId), message);
        }
    }
}
