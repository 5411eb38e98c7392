package io.cloudcut.fault;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The packet faults on MQTT 5 connections, each way, with Paho's MQTT 5 client and a real Mosquitto.
 * Every fault is applied before the device connects, so the proxy frames the broker's side from its
 * first packet, a CONNACK with properties, which it must read as MQTT 5 to frame anything after it.
 */
class MqttFiveFaultsTest extends LinkToMosquitto {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();
    private static final String MATCHING = "devices/a/events";
    private static final String OTHER = "other/topic";

    private final List<MqttClient> clients = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (MqttClient client : clients) {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1_000, false);
            }
            try {
                client.close(true);
            } catch (MqttException stillConnecting) {
                // A connect that a fault swallowed is still in progress, and Paho closes no such client; it gives up by itself.
            }
        }
    }

    @Test
    void withholdPuback_theBrokersPubackNeverReachesAnMqtt5Device() throws Exception {
        List<String> arrived = subscriber(mosquitto.port());
        link.apply(LinkFaults.named("withhold-puback"));
        MqttClient device = connected(link.port());
        device.setTimeToWait(2_000);

        assertThatThrownBy(() -> device.publish(MATCHING, message("qos1", 1)))
                .isInstanceOfSatisfying(MqttException.class,
                        timedOut -> assertThat(timedOut.getReasonCode()).isEqualTo((int) MqttClientException.REASON_CODE_CLIENT_TIMEOUT));
        // The broker got the publish; only its ack was lost.
        await().atMost(WAIT).until(() -> arrived.contains(MATCHING));
        assertThat(link.stats().bytesDropped()).isPositive();
    }

    /**
     * The copy waits for its original's PUBACK ({@link MqttFiveCopies}): downstream, the broker may send the next
     * publish before the subscriber's PUBACK has let the copy go.
     */
    @ParameterizedTest
    @EnumSource(Direction.class)
    void duplicatePublish_aMatchingMqtt5PublishArrivesTwice(Direction direction) throws Exception {
        Sides sides = faulted("duplicate-publish", direction);

        sides.publisher().publish(MATCHING, message("twice", 1));
        sides.publisher().publish(OTHER, message("once", 1));

        await().atMost(WAIT).until(() -> sides.arrived().size() >= 3);
        assertThat(sides.arrived()).startsWith(MATCHING).containsExactlyInAnyOrder(MATCHING, MATCHING, OTHER);
    }

    /**
     * Paho sends a topic again as its alias alone. A QoS 1 copy waits for its original's PUBACK ({@link MqttFiveCopies}),
     * by when the alias may stand for another topic, so the copy goes with its topic in full.
     */
    @Test
    void duplicatePublish_anAliasOnlyMqtt5PublishArrivesTwice_onItsTopic() throws Exception {
        Sides sides = faulted("duplicate-publish", Direction.UPSTREAM);

        sides.publisher().publish(MATCHING, message("sets the alias", 1));
        sides.publisher().publish(MATCHING, message("by its alias", 1));
        sides.publisher().publish(OTHER, message("once", 1));

        assertArrivedUpTo(OTHER, sides, MATCHING, MATCHING, MATCHING, MATCHING, OTHER);
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void delayPublish_aMatchingMqtt5PublishArrivesAfterTheDelay(Direction direction) throws Exception {
        link.apply(LinkFaults.create("delay-publish", Map.of("topic", "devices/+/events", "delay", 1_500), direction));
        Sides sides = sides(direction);

        long sentAt = System.nanoTime();
        sides.publisher().publish(MATCHING, message("late", 0));

        await().atMost(WAIT).until(() -> sides.arrived().contains(MATCHING));
        assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void dropPublish_matchingMqtt5PublishesOfQos1And2AreAcknowledged_andNeverArrive(Direction direction) throws Exception {
        Sides sides = faulted("drop-publish", direction);

        // Each returns once acknowledged (upstream by the proxy, downstream by the broker, which the proxy answered).
        // Paho sends a topic again as its alias alone, an alias that the broker never learnt from the dropped publish.
        sides.publisher().publish(MATCHING, message("dropped", 1));
        sides.publisher().publish(MATCHING, message("dropped", 2));
        sides.publisher().publish(OTHER, message("passes", 1));
        sides.publisher().publish(OTHER, message("passes", 1));

        await().atMost(WAIT).until(() -> sides.arrived().size() == 2);
        assertThat(sides.arrived()).containsExactly(OTHER, OTHER);
    }

    @Test
    void dropPublishLifted_aDroppedTopicSentAgainAsItsAliasAlone_reachesTheBrokerWithItsTopic() throws Exception {
        List<String> arrived = subscriber(mosquitto.port());
        link.apply(LinkFaults.create("drop-publish", Map.of("topic", "devices/+/events"), Direction.UPSTREAM));
        MqttClient device = connected(link.port());
        device.publish(MATCHING, message("dropped", 1));

        link.restore();
        // Paho sends the alias alone now; the broker, which never saw the dropped publish, does not know it.
        device.publish(MATCHING, message("passes", 1));

        await().atMost(WAIT).until(() -> arrived.contains(MATCHING));
        assertThat(arrived).containsExactly(MATCHING);
        assertThat(device.isConnected()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void losePublish_aMatchingMqtt5PublishNeverArrives(Direction direction) throws Exception {
        Sides sides = faulted("lose-publish", direction);

        sides.publisher().publish(MATCHING, message("lost", 0));
        sides.publisher().publish(OTHER, message("passes", 0));

        assertArrivedUpTo(OTHER, sides, OTHER);
        assertThat(link.stats().bytesDropped()).isPositive();
    }

    /**
     * A fault begun on a connection whose sender set its alias before: the proxy read the connection from its first
     * byte, so it knows the topic an alias-only PUBLISH stands for, and a filter of that topic loses it as {@code #} does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"#", "devices/+/events"})
    void losePublish_begunAfterTheAliasWasSet_losesTheAliasOnlyPublishToo(String topic) throws Exception {
        List<String> arrived = subscriber(mosquitto.port());
        MqttClient device = connected(link.port());
        device.publish(MATCHING, message("sets the alias", 1));
        await().atMost(WAIT).until(() -> arrived.size() == 1);

        link.apply(LinkFaults.create("lose-publish", Map.of("topic", topic), Direction.UPSTREAM));
        device.publish(MATCHING, message("lost", 0));
        // A QoS 0 publish returns once written: the proxy, loaded, may read it only after a restore that came first.
        await().atMost(WAIT).until(() -> link.stats().bytesDropped() > 0);
        link.restore();
        device.publish(OTHER, message("passes", 0));

        assertArrivedUpTo(OTHER, new Sides(device, arrived), MATCHING, OTHER);
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void loss_everyMqtt5PacketLost_theConnectNeverCompletes(Direction direction) throws Exception {
        link.apply(LinkFaults.create("loss", Map.of("probability", 1), direction));

        assertThatThrownBy(() -> connected(link.port(), Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(MqttException.class,
                        timedOut -> assertThat(timedOut.getReasonCode()).isEqualTo((int) MqttClientException.REASON_CODE_CLIENT_TIMEOUT));
        assertThat(link.stats().bytesDropped()).isPositive();
    }

    /** Who publishes and who receives for a fault in {@code direction}: the device is the publisher upstream, the subscriber downstream. */
    private record Sides(MqttClient publisher, List<String> arrived) {
    }

    /** The sides for {@code fault} on PUBLISHes to {@code devices/+/events} in {@code direction}, applied before they connect. */
    private Sides faulted(String fault, Direction direction) throws Exception {
        link.apply(LinkFaults.create(fault, Map.of("topic", "devices/+/events"), direction));
        return sides(direction);
    }

    /** Once {@code last} has arrived, what arrived is {@code expected}: one connection keeps its order. */
    private static void assertArrivedUpTo(String last, Sides sides, String... expected) {
        await().atMost(WAIT).until(() -> sides.arrived().contains(last));
        assertThat(sides.arrived()).containsExactly(expected);
    }

    private Sides sides(Direction direction) throws Exception {
        if (direction == Direction.UPSTREAM) {
            List<String> arrived = subscriber(mosquitto.port());
            return new Sides(connected(link.port()), arrived);
        }
        List<String> arrived = subscriber(link.port());
        return new Sides(connected(mosquitto.port()), arrived);
    }

    /** The topics of every message an MQTT 5 client subscribed to {@code #} at QoS 2 on {@code port} receives, in order. */
    private List<String> subscriber(int port) throws Exception {
        List<String> arrived = new CopyOnWriteArrayList<>();
        MqttClient client = connected(port);
        client.subscribe(new MqttSubscription[] {new MqttSubscription("#", 2)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, message) -> arrived.add(topic)});
        return arrived;
    }

    private MqttClient connected(int port) throws MqttException {
        return connected(port, WAIT);
    }

    /** An MQTT 5 client connected to {@code port}, which waits up to {@code timeToWait} for each ack. */
    private MqttClient connected(int port, Duration timeToWait) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, "mqtt5-" + CLIENT_IDS.incrementAndGet(), new MemoryPersistence());
        clients.add(client);
        MqttConnectionOptions options = new MqttConnectionOptions();
        client.setTimeToWait(timeToWait.toMillis());
        client.connect(options);
        return client;
    }

    /** A message with a user property, so that its PUBLISH carries MQTT 5 properties to be framed. */
    private static MqttMessage message(String payload, int qos) {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), qos, false, new MqttProperties());
        message.getProperties().setUserProperties(List.of(new UserProperty("cloudcut", "v5")));
        return message;
    }
}
