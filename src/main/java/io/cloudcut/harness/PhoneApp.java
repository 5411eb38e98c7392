package io.cloudcut.harness;

import io.cloudcut.cloud.CloudTopics;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The owner's phone and its app: an MQTT client straight to the broker (the phone's internet works;
 * it is the cloud that fails). It sends app commands through the commands service and waits for what
 * the cloud sends back, matched by probe id: command replies, status updates, push notifications.
 * Messages that nobody waits for any more (late deliveries after an outage) are counted.
 */
final class PhoneApp {

    private final Vertx vertx;
    private final Map<String, Promise<JsonObject>> waiting = new ConcurrentHashMap<>();
    private MqttClient client;
    private long late;

    PhoneApp(Vertx vertx) {
        this.vertx = vertx;
    }

    Future<Void> connect(String host, int port) {
        client = MqttClient.create(vertx, new MqttClientOptions()
                .setClientId("cloudcut-phone-app")
                .setCleanSession(true)
                .setMaxInflightQueue(10_000));
        client.publishHandler(message -> {
            JsonObject body;
            try {
                body = message.payload().toJsonObject();
            } catch (DecodeException | ClassCastException notJson) {
                return;
            }
            String id = body.getString("probeId", body.getString("requestId"));
            Promise<JsonObject> promise = id == null ? null : waiting.remove(id);
            if (promise != null) {
                promise.tryComplete(body);
            } else {
                late++;
            }
        });
        return client.connect(port, host)
                .compose(connack -> client.subscribe(Map.of(CloudTopics.APP_ALL, 1, CloudTopics.PHONE_ALL, 1)))
                .mapEmpty();
    }

    /** Waits for the cloud to send anything about this probe; fails on timeout. */
    Future<JsonObject> await(String probeId, Duration timeout) {
        Promise<JsonObject> promise = Promise.promise();
        waiting.put(probeId, promise);
        vertx.setTimer(Math.max(1, timeout.toMillis()), expired -> {
            if (waiting.remove(probeId) != null) {
                promise.tryFail("timed out");
            }
        });
        return promise.future();
    }

    /** Sends an app command for a device function through the commands service. */
    void command(String deviceId, String function, String requestId) {
        client.publish(CloudTopics.COMMAND_REQUEST, new JsonObject()
                .put("requestId", requestId)
                .put("deviceId", deviceId)
                .put("function", function)
                .toBuffer(), MqttQoS.AT_LEAST_ONCE, false, false);
    }

    long lateMessages() {
        return late;
    }

    Future<Void> close() {
        return client == null ? Future.succeededFuture() : client.disconnect().recover(ignored -> Future.succeededFuture());
    }
}
