package io.cloudcut.cloud;

import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Turns doorbell events on the event stream into push notifications to the owner's phone. */
final class NotifyService extends CloudService {

    private long pushed;

    NotifyService(String host, int port, ScenarioClock clock) {
        super("notify", host, port, clock);
    }

    @Override
    List<String> subscriptions() {
        return List.of(CloudTopics.EVENT_STREAM);
    }

    @Override
    void handle(String topic, JsonObject event) {
        String deviceId = event.getString("deviceId");
        if (deviceId == null || deviceId.isEmpty()) {
            return;
        }
        pushed++;
        publish(CloudTopics.phonePush(deviceId), event);
    }

    @Override
    JsonObject details() {
        return new JsonObject().put("pushed", pushed);
    }
}
