package io.cloudcut.fuzz;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.cloud.Payloads;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The owner's phone during a fuzz run: sends app commands through the commands service and hears
 * what the cloud sends back (replies, status, pushes), matched by request or probe id. Whatever
 * else arrives (the cloud relaying fuzz to a device that does not exist) is passed over.
 */
final class Phone implements AutoCloseable {

    private static final long LIMIT_SECONDS = 60;

    private final Mqtt5AsyncClient client;
    private final Map<String, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();

    Phone(String host, int port) throws Exception {
        client = MqttClient.builder().useMqttVersion5().identifier("cloudcut-fuzz-phone").serverHost(host)
                .serverPort(port).buildAsync();
        client.connect().get(LIMIT_SECONDS, TimeUnit.SECONDS);
        for (String filter : new String[]{CloudTopics.APP_ALL, CloudTopics.PHONE_ALL}) {
            client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).callback(this::heard).send()
                    .get(LIMIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Completes when the cloud sends anything about this request or probe. */
    CompletableFuture<JsonObject> awaitAbout(String id) {
        return waiting.computeIfAbsent(id, key -> new CompletableFuture<>());
    }

    void command(String deviceId, String function, String requestId) {
        client.publishWith().topic(CloudTopics.COMMAND_REQUEST).qos(MqttQos.AT_LEAST_ONCE)
                .payload(new JsonObject().put("requestId", requestId).put("deviceId", deviceId).put("function", function)
                        .toBuffer().getBytes())
                .send();
    }

    private void heard(Mqtt5Publish publish) {
        Payloads.object(Buffer.buffer(publish.getPayloadAsBytes()), Payloads.CLOUD_MAX_BYTES).ifPresent(message -> {
            String id = message.getValue("probeId") instanceof String probe ? probe
                    : message.getValue("requestId") instanceof String request ? request : null;
            CompletableFuture<JsonObject> about = id == null ? null : waiting.get(id);
            if (about != null) {
                about.complete(message);
            }
        });
    }

    @Override
    public void close() throws Exception {
        client.disconnect().get(LIMIT_SECONDS, TimeUnit.SECONDS);
    }
}
