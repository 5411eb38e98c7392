package io.cloudcut.device;

import io.cloudcut.cloud.Payloads;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

/**
 * A device's local functions on its home network's MQTT broker, as devices that talk to Home Assistant
 * or Node-RED offer them: a broker that stays up when the cloud is cut. A request
 * {@code {"probeId": "..."}} (optional) on {@code cloudcut/local/ID/functions/NAME} starts the function;
 * the answer {@code {probeId, function, ok, detail}} comes on {@code cloudcut/local/ID/answers}, with
 * the same meaning as {@link LocalFunctionsApi}'s. A request that is not a JSON object is answered
 * {@code ok: false}.
 */
public final class LocalFunctionsMqtt {

    private static final int MAX_REQUEST_BYTES = 4096;

    private final MqttClient client;

    private LocalFunctionsMqtt(MqttClient client) {
        this.client = client;
    }

    /** Where a request starts {@code function} on device {@code deviceId}. */
    public static String functionTopic(String deviceId, String function) {
        return "cloudcut/local/" + deviceId + "/functions/" + function;
    }

    /** Where device {@code deviceId} answers. */
    public static String answerTopic(String deviceId) {
        return "cloudcut/local/" + deviceId + "/answers";
    }

    /** Connects to the local broker at {@code host:port} and serves the device {@code deviceId} of this Vert.x. */
    public static Future<LocalFunctionsMqtt> start(Vertx vertx, String deviceId, String host, int port) {
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions()
                .setClientId("cloudcut-local-" + deviceId).setAutoKeepAlive(true));
        String requests = functionTopic(deviceId, "+");
        client.publishHandler(request -> {
            String function = request.topicName().substring(requests.length() - 1);
            JsonObject body = Payloads.object(request.payload(), MAX_REQUEST_BYTES).orElse(null);
            String probeId = body != null && body.getValue("probeId") instanceof String id ? id : null;
            Future<LocalFunction> done = body == null
                    ? Future.succeededFuture(LocalFunction.failed(400, function,
                    "the request must be a JSON object, e.g. {\"probeId\": \"p1\"}"))
                    : LocalFunction.start(vertx, deviceId, function, probeId);
            done.onSuccess(answer -> client.publish(answerTopic(deviceId), answer.answer().put("probeId", probeId).toBuffer(),
                    MqttQoS.AT_LEAST_ONCE, false, false));
        });
        return client.connect(port, host)
                .compose(connected -> client.subscribe(requests, MqttQoS.AT_LEAST_ONCE.value()))
                .map(subscribed -> new LocalFunctionsMqtt(client));
    }

    public Future<Void> close() {
        return client.isConnected() ? client.disconnect() : Future.succeededFuture();
    }
}
