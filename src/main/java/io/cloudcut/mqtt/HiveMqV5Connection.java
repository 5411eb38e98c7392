package io.cloudcut.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.vertx.core.Vertx;

import java.nio.charset.StandardCharsets;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The HiveMQ MQTT client stack, MQTT 5: clean start and session expiry 0. */
final class HiveMqV5Connection extends HiveMqConnection {

    private final Mqtt5AsyncClient client;

    HiveMqV5Connection(Vertx vertx, ConnectionSettings settings, ConnectionListener listener) {
        super(vertx, settings, listener);
        Mqtt5ClientBuilder builder = HiveMqLifecycle.builder(settings, book, reconnects, this::subscribeAfterConnect)
                .useMqttVersion5();
        if (settings.credentials() != null) {
            // On the client, not on its first CONNECT: the library's automatic reconnect sends a
            // CONNECT of its own, which carried no credentials (a broker with identities refused it).
            builder.simpleAuth().username(settings.credentials().username())
                    .password(settings.credentials().passwordBytes()).applySimpleAuth();
        }
        this.client = builder.buildAsync();
    }

    @Override
    protected void connect() {
        Mqtt5ConnectBuilder.Send<CompletableFuture<Mqtt5ConnAck>> connect = client.connectWith()
                .cleanStart(settings.session().cleanStart())
                .sessionExpiryInterval(settings.session().expiry().toSeconds())
                .keepAlive(LibraryTimings.keepAliveSeconds(settings));
        if (settings.will() != null) {
            connect.willPublish().topic(settings.will().topic()).payload(settings.will().payload().getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.AT_LEAST_ONCE).retain(true).applyWillPublish();
        }
        connect.send();
    }

    @Override
    protected CompletableFuture<List<String>> subscribeAtLeastOnce() {
        Mqtt5Subscribe subscribe = Mqtt5Subscribe.builder()
                .addSubscriptions(settings.subscriptions().stream()
                        .map(filter -> Mqtt5Subscription.builder().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).build()))
                .build();
        // A callback per SUBSCRIBE, not one global publishes() flow: losing the session ends the client's flows.
        return client.subscribe(subscribe,
                publish -> book.messageArrived(publish.getTopic().toString(), publish.getPayloadAsBytes())).handle((subAck, error) -> refused(error == null ? subAck
                        : subAckOf(error, Mqtt5SubAckException.class, Mqtt5SubAckException::getMqttMessage)));
    }

    private static List<String> refused(Mqtt5SubAck subAck) {
        return subAck.getReasonCodes().stream().filter(Mqtt5SubAckReasonCode::isError).map(Enum::name).toList();
    }

    @Override
    protected CompletableFuture<Void> publishAtLeastOnce(String topic, byte[] payload, boolean retain) {
        return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).retain(retain).send()
                .thenAccept(result -> result.getError().ifPresent(refused -> {
                    throw new CompletionException(refused);
                }));
    }

    @Override
    protected CompletableFuture<Void> disconnect() {
        return client.disconnect();
    }

    @Override
    protected boolean connectedToBroker() {
        return client.getState().isConnected();
    }
}
