package io.cloudcut.harness;

import io.cloudcut.mqtt.ClientTlsOptions;
import io.cloudcut.trust.ClientTls;
import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.mqtt.Credentials;
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
 */
final class PhoneApp {

    private final Vertx vertx;
    private final Credentials credentials;
    private final ClientTls tls;
    private final Map<String, Promise<JsonObject>> waiting = new ConcurrentHashMap<>();
    private static final long RECONNECT_DELAY_MILLIS = 200;

    private MqttClient client;
    private boolean closing;

    /** {@code tls}: how it reaches the broker over TLS; null: plain TCP. */
    PhoneApp(Vertx vertx, Credentials credentials, ClientTls tls) {
        this.vertx = vertx;
        this.credentials = credentials;
        this.tls = tls;
    }

    /** Connects, and reconnects by itself whenever the broker goes away (a broker fault). */
    Future<Void> connect(String host, int port) {
        MqttClient attempt = MqttClient.create(vertx, ClientTlsOptions.applyTo(credentials.applyTo(new MqttClientOptions()
                .setClientId("cloudcut-phone-app")
                .setCleanSession(true)
                .setMaxInflightQueue(10_000)), tls));
        client = attempt;
        attempt.publishHandler(message -> {
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
            }
        });
        attempt.closeHandler(closed -> {
            if (!closing) {
                vertx.setTimer(RECONNECT_DELAY_MILLIS, retry -> reconnect(host, port));
            }
        });
        return attempt.connect(port, host)
                .compose(connack -> attempt.subscribe(Map.of(CloudTopics.APP_ALL, 1, CloudTopics.PHONE_ALL, 1)))
                .mapEmpty();
    }

    private void reconnect(String host, int port) {
        connect(host, port).onFailure(notYet -> vertx.setTimer(RECONNECT_DELAY_MILLIS, retry -> reconnect(host, port)));
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

    /** Sends an app command for a device function through the commands service; lost if the phone is offline. */
    void command(String deviceId, String function, String requestId) {
        if (!client.isConnected()) {
            return;
        }
        client.publish(CloudTopics.COMMAND_REQUEST, new JsonObject()
                .put("requestId", requestId)
                .put("deviceId", deviceId)
                .put("function", function)
                .toBuffer(), MqttQoS.AT_LEAST_ONCE, false, false);
    }

    Future<Void> close() {
        closing = true;
        return client == null ? Future.succeededFuture() : client.disconnect().recover(ignored -> Future.succeededFuture());
    }
}
