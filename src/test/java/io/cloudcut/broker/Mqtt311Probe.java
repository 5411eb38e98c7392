package io.cloudcut.broker;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A Vert.x MQTT 3.1.1 client that proves a broker works: it receives its own QoS 1 message. */
final class Mqtt311Probe {

    private static final long TIMEOUT_SECONDS = 15;

    private Mqtt311Probe() {
    }

    /** Connects, subscribes, publishes QoS 1, waits for the message to come back, disconnects. */
    static String roundTrip(Vertx vertx, BrokerEndpoint endpoint) throws Exception {
        String id = "probe-" + UUID.randomUUID();
        String topic = "cloudcut/test/" + id;
        String payload = "hello from " + id;
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId(id).setAckTimeout(10));
        Promise<String> received = Promise.promise();
        client.publishHandler(message -> received.tryComplete(message.payload().toString()));
        Future<String> result = client.connect(endpoint.port(), endpoint.host())
                .compose(connAck -> client.subscribe(topic, MqttQoS.AT_LEAST_ONCE.value()))
                .compose(packetId -> client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false))
                .compose(packetId -> received.future())
                .eventually(() -> client.isConnected() ? client.disconnect() : Future.succeededFuture());
        return await(result);
    }

    /** A connected client, for tests that watch what happens to an open connection. */
    static MqttClient connect(Vertx vertx, BrokerEndpoint endpoint) throws Exception {
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId("watcher-" + UUID.randomUUID()));
        await(client.connect(endpoint.port(), endpoint.host()));
        return client;
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
