package io.cloudcut.fault;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code drop-publish} against {@code lose-publish} with Paho 3.1.1 clients whose sessions persist,
 * through a link to Mosquitto: a publish dropped as an ACL drops it is acknowledged and forgotten; a
 * lost one stays pending at its sender, which sends it again when it reconnects.
 */
class DropPublishTest extends LinkToMosquitto {

    private static final long WAIT_MILLIS = 15_000;
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();
    private static final String MATCHING = "devices/a/events";
    private static final String OTHER = "other/topic";
    private static final String AFTER = "other/after";

    private final List<MqttAsyncClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws MqttException {
        for (MqttAsyncClient client : clients) {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1_000, false);
            }
            client.close(true);
        }
    }

    @ParameterizedTest(name = "{0} qos {1}: replayed {2}")
    @CsvSource({"drop-publish, 1, false", "drop-publish, 2, false", "lose-publish, 1, true", "lose-publish, 2, true"})
    void deviceReconnects_aLostPublishIsReplayed_aDroppedOneIsNot(String fault, int qos, boolean replayed) throws Exception {
        List<String> arrived = subscriber(mosquitto.port(), "subscriber-" + CLIENT_IDS.incrementAndGet());
        MqttAsyncClient device = connected(link.port(), "device-" + CLIENT_IDS.incrementAndGet(), persistentSession());
        link.apply(LinkFaults.create(fault, Map.of("topic", "devices/+/events"), Direction.UPSTREAM));

        IMqttDeliveryToken matching = device.publish(MATCHING, message(qos));
        device.publish(OTHER, message(1)).waitForCompletion(WAIT_MILLIS);
        if (replayed) {
            // The next publish went through to the broker and back: an ack of the first would have come before it.
            assertThat(matching.isComplete()).as("acknowledged").isFalse();
        } else {
            await().atMost(Duration.ofMillis(WAIT_MILLIS)).until(matching::isComplete);
        }

        // With its DISCONNECT, and the second Paho waits for it: a reconnect right after a close without one lost the
        // replayed QoS 2 publish once in a loaded CI run.
        device.disconnectForcibly(0, 1_000);
        link.restore();
        device.connect(persistentSession()).waitForCompletion(WAIT_MILLIS);
        device.publish(AFTER, message(1)).waitForCompletion(WAIT_MILLIS);

        assertArrivedAfterReconnect(arrived, replayed);
    }

    @ParameterizedTest(name = "{0} qos {1}: redelivered {2}")
    @CsvSource({"drop-publish, 1, false", "drop-publish, 2, false", "lose-publish, 1, true", "lose-publish, 2, true"})
    void subscriberReconnects_aLostPublishIsRedelivered_aDroppedOneIsNot(String fault, int qos, boolean redelivered) throws Exception {
        String subscriberId = "subscriber-" + CLIENT_IDS.incrementAndGet();
        List<String> arrived = subscriber(link.port(), subscriberId);
        MqttAsyncClient publisher = connected(mosquitto.port(), "publisher-" + CLIENT_IDS.incrementAndGet(), persistentSession());
        link.apply(LinkFaults.create(fault, Map.of("topic", "devices/+/events"), Direction.DOWNSTREAM));

        publisher.publish(MATCHING, message(qos)).waitForCompletion(WAIT_MILLIS);
        publisher.publish(OTHER, message(1)).waitForCompletion(WAIT_MILLIS);
        await().atMost(Duration.ofMillis(WAIT_MILLIS)).until(() -> arrived.contains(OTHER));

        MqttAsyncClient subscriber = clients.get(0);
        subscriber.disconnectForcibly(0, 1_000);
        link.restore();
        subscriber.connect(persistentSession()).waitForCompletion(WAIT_MILLIS);
        publisher.publish(AFTER, message(1)).waitForCompletion(WAIT_MILLIS);

        assertArrivedAfterReconnect(arrived, redelivered);
    }

    /** What passed during the fault, what came after the reconnect, and the matching publish if it was sent again (in any order: QoS 2 takes longer). */
    private static void assertArrivedAfterReconnect(List<String> arrived, boolean sentAgain) {
        if (sentAgain) {
            await().atMost(Duration.ofMillis(WAIT_MILLIS)).until(() -> arrived.size() == 3);
            assertThat(arrived).containsExactlyInAnyOrder(OTHER, MATCHING, AFTER);
        } else {
            await().atMost(Duration.ofMillis(WAIT_MILLIS)).until(() -> arrived.contains(AFTER));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofMillis(WAIT_MILLIS)).until(() -> !arrived.contains(MATCHING));
            assertThat(arrived).containsExactly(OTHER, AFTER);
        }
    }

    /** The topics that a client with a persistent session subscribed to {@code #} at QoS 2 on {@code port} receives, in order. */
    private List<String> subscriber(int port, String clientId) throws MqttException {
        List<String> arrived = new CopyOnWriteArrayList<>();
        MqttAsyncClient client = client(port, clientId);
        // Before connecting: a persistent session delivers what it kept as soon as it is resumed.
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                arrived.add(topic);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        client.connect(persistentSession()).waitForCompletion(WAIT_MILLIS);
        client.subscribe("#", 2).waitForCompletion(WAIT_MILLIS);
        return arrived;
    }

    private MqttAsyncClient connected(int port, String clientId, MqttConnectOptions options) throws MqttException {
        MqttAsyncClient client = client(port, clientId);
        client.connect(options).waitForCompletion(WAIT_MILLIS);
        return client;
    }

    private MqttAsyncClient client(int port, String clientId) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        clients.add(client);
        return client;
    }

    /** A session the broker and the client keep across connections, with what is in flight in it. */
    private static MqttConnectOptions persistentSession() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        return options;
    }

    private static MqttMessage message(int qos) {
        MqttMessage message = new MqttMessage("payload".getBytes(StandardCharsets.UTF_8));
        message.setQos(qos);
        return message;
    }
}
