package io.cloudcut.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscribe;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscription;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import io.vertx.core.Vertx;

import java.nio.charset.StandardCharsets;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The HiveMQ MQTT client stack, MQTT 3.1.1: clean session. */
final class HiveMqV3Connection extends HiveMqConnection {

    private final Mqtt3AsyncClient client;

    HiveMqV3Connection(Vertx vertx, ConnectionSettings settings, ConnectionListener listener) {
        super(vertx, settings, listener);
        Mqtt3ClientBuilder builder = HiveMqLifecycle.builder(settings, book, reconnects, this::subscribeAfterConnect)
                .useMqttVersion3();
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
        Mqtt3ConnectBuilder.Send<CompletableFuture<Mqtt3ConnAck>> connect = client.connectWith()
                .cleanSession(settings.session().cleanStart())
                .keepAlive(LibraryTimings.keepAliveSeconds(settings));
        if (settings.will() != null) {
            connect.willPublish().topic(settings.will().topic()).payload(settings.will().payload().getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.AT_LEAST_ONCE).retain(true).applyWillPublish();
        }
        connect.send();
    }

    @Override
    protected CompletableFuture<List<String>> subscribeAtLeastOnce() {
        Mqtt3Subscribe subscribe = Mqtt3Subscribe.builder()
                .addSubscriptions(settings.subscriptions().stream()
                        .map(filter -> Mqtt3Subscription.builder().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).build()))
                .build();
        // A callback per SUBSCRIBE, not one global publishes() flow: losing the session ends the client's flows.
        return client.subscribe(subscribe,
                publish -> book.messageArrived(publish.getTopic().toString(), publish.getPayloadAsBytes())).handle((subAck, error) -> refused(error == null ? subAck
                        : subAckOf(error, Mqtt3SubAckException.class, Mqtt3SubAckException::getMqttMessage)));
    }

    private static List<String> refused(Mqtt3SubAck subAck) {
        return subAck.getReturnCodes().stream().filter(Mqtt3SubAckReturnCode::isError).map(Enum::name).toList();
    }

    @Override
    protected CompletableFuture<Void> publishAtLeastOnce(String topic, byte[] payload, boolean retain) {
        return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).retain(retain).send()
                .thenApply(published -> null);
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
