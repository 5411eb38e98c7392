package io.cloudcut.cloud;

import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.ServiceKind;
import io.cloudcut.scenario.WireNames;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Turns doorbell events on the event stream into push notifications to the owner's phone. */
final class NotifyService extends CloudService {

    private long pushed;

    NotifyService(String host, int port, ScenarioClock clock) {
        super(WireNames.of(ServiceKind.NOTIFY), host, port, clock);
    }

    @Override
    List<String> subscriptions() {
        return List.of(CloudTopics.EVENT_STREAM);
    }

    /** An event on the stream names its device as a topic level (the push goes under it) and its kind. */
    @Override
    boolean wellFormed(String topic, JsonObject event) {
        return Payloads.topicLevelField(event, "deviceId").isPresent() && Payloads.textField(event, "kind").isPresent();
    }

    @Override
    void handle(String topic, JsonObject event) {
        pushed++;
        publish(CloudTopics.phonePush(event.getString("deviceId")), event);
    }

    @Override
    JsonObject details() {
        return new JsonObject().put("pushed", pushed);
    }
}
