package io.cloudcut.fault;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.cloudcut.scenario.ScenarioClock;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The MQTT-level faults as real clients (Paho 3.1.1 and 5, HiveMQ 5, and a minimal one on a plain
 * socket where a test needs hundreds of connects) see them through a link in front of a real
 * Mosquitto: each must look exactly like a broker that behaves that way.
 */
class MqttLevelFaultsTest extends LinkToMosquitto {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();
    /** One connect per link and minute, counted over ten minutes: four links carry 40 connects. */
    private static final Map<String, Object> FORTY_ON_FOUR_LINKS = Map.of("capacity", "1/min", "window", 600_000, "seed", 7);

    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"server-unavailable, 0x88", "server-busy, 0x89", "quota-exceeded, 0x97",
            "not-authorized, 0x87", "bad-credentials, 0x86"})
    void refuseConnect_pahoV5_getsTheMqtt5ReasonCode(String reason, String code) throws Exception {
        link.apply(LinkFaults.create("refuse-connect", Map.of("reason", reason), null));

        assertThatThrownBy(() -> pahoV5(link.port()).connect(new MqttConnectionOptions()))
                .isInstanceOfSatisfying(org.eclipse.paho.mqttv5.common.MqttException.class,
                        refused -> assertThat(refused.getReasonCode()).isEqualTo(Integer.decode(code)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"server-unavailable, 3", "server-busy, 3", "quota-exceeded, 3", "not-authorized, 5", "bad-credentials, 4"})
    void refuseConnect_pahoV3_getsTheMatching311ReturnCode(String reason, int returnCode) throws Exception {
        link.apply(LinkFaults.create("refuse-connect", Map.of("reason", reason), null));

        assertThatThrownBy(() -> pahoV3(link.port()).connect())
                .isInstanceOfSatisfying(MqttException.class,
                        refused -> assertThat(refused.getReasonCode()).isEqualTo(returnCode));
    }

    @Test
    void refuseConnect_hiveMqV5_getsConnAckException_andRestoreLetsItConnect() {
        link.apply(LinkFaults.create("refuse-connect", Map.of("reason", "quota-exceeded"), null));
        Mqtt5BlockingClient client = hiveMq(link.port(), new CompletableFuture<>());

        assertThatThrownBy(client::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class,
                refused -> assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.QUOTA_EXCEEDED));

        link.restore();
        assertThat(client.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        client.disconnect();
    }

    @Test
    void refuseConnect_answersWithoutEverContactingTheBroker() throws Exception {
        try (FaultProxy noBroker = FaultProxy.create("127.0.0.1", closedPort())) {
            Link dead = noBroker.openLink("device-2");
            dead.apply(LinkFaults.named("refuse-connect"));

            assertThatThrownBy(() -> pahoV3(dead.port()).connect())
                    .isInstanceOfSatisfying(MqttException.class,
                            refused -> assertThat(refused.getReasonCode()).isEqualTo(MqttException.REASON_CODE_BROKER_UNAVAILABLE));
            assertThat(dead.stats().bytesUp()).isZero();
        }
    }

    @Test
    void disconnect_hiveMqV5_seesTheReasonCodeInItsDisconnectedListener() {
        CompletableFuture<Throwable> disconnected = new CompletableFuture<>();
        Mqtt5BlockingClient client = hiveMq(link.port(), disconnected);
        client.connect();

        link.apply(LinkFaults.create("disconnect", Map.of("reason", "session-taken-over"), null));

        await().atMost(WAIT).until(disconnected::isDone);
        assertThat(disconnected.join()).isInstanceOfSatisfying(Mqtt5DisconnectException.class,
                kicked -> assertThat(kicked.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER));
        await().atMost(WAIT).until(() -> link.openConnections() == 0);
    }

    @Test
    void disconnect_pahoV5_seesServerShuttingDownByDefault_andPahoV3OnlyTheClose() throws Exception {
        CompletableFuture<Integer> v5Disconnected = new CompletableFuture<>();
        org.eclipse.paho.mqttv5.client.MqttClient v5 = pahoV5(link.port());
        v5.setCallback(new PahoV5Callback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                v5Disconnected.complete(response.getReturnCode());
            }
        });
        v5.connect(new MqttConnectionOptions());
        CompletableFuture<Throwable> v3Lost = new CompletableFuture<>();
        MqttClient v3 = pahoV3(link.port());
        v3.setCallback(new PahoV3Callback() {
            @Override
            public void connectionLost(Throwable cause) {
                v3Lost.complete(cause);
            }
        });
        v3.connect();

        link.apply(LinkFaults.named("disconnect"));

        await().atMost(WAIT).until(() -> v5Disconnected.isDone() && v3Lost.isDone());
        assertThat(v5Disconnected.join()).isEqualTo(0x8B);
        assertThat(v3Lost.join()).isInstanceOf(MqttException.class);
        await().atMost(WAIT).until(() -> link.openConnections() == 0);
    }

    @Test
    void dropPublish_dropsMatchingTopicsOnly() throws Exception {
        List<String> arrived = subscribeDirectly("#");
        MqttClient device = pahoV3(link.port());
        device.connect();
        link.apply(LinkFaults.create("drop-publish", Map.of("topic", "devices/+/events"), null));

        for (String topic : List.of("devices/a/events", "devices/a/b/events", "devices/b/events", "other/topic")) {
            device.publish(topic, topic.getBytes(StandardCharsets.UTF_8), 0, false);
        }

        // One connection keeps its order: once the last is in, every earlier one let through is too.
        await().atMost(WAIT).until(() -> arrived.contains("other/topic"));
        assertThat(arrived).containsExactly("devices/a/b/events", "other/topic");
        assertThat(link.stats().bytesDropped()).isPositive();
    }

    @Test
    void delayPublish_holdsMatchingTopicsForTheDelay() throws Exception {
        List<String> arrived = subscribeDirectly("#");
        MqttClient device = pahoV3(link.port());
        device.connect();
        link.apply(LinkFaults.create("delay-publish", Map.of("topic", "devices/+/events", "delay", 1_500), null));

        long sentAt = System.nanoTime();
        device.publish("other/topic", "now".getBytes(StandardCharsets.UTF_8), 0, false);
        device.publish("devices/a/events", "late".getBytes(StandardCharsets.UTF_8), 0, false);

        await().atMost(Duration.ofMillis(1_000)).until(() -> arrived.contains("other/topic"));
        assertThat(arrived).doesNotContain("devices/a/events");
        await().atMost(WAIT).until(() -> arrived.contains("devices/a/events"));
        assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
    }

    @Test
    void withholdPuback_qos1PublishTimesOut_whileQos0StillPasses() throws Exception {
        List<String> arrived = subscribeDirectly("#");
        MqttClient device = pahoV3(link.port());
        device.connect();
        device.setTimeToWait(1_000);
        link.apply(LinkFaults.named("withhold-puback"));

        assertThatThrownBy(() -> device.publish("devices/a/events", "qos1".getBytes(StandardCharsets.UTF_8), 1, false))
                .isInstanceOfSatisfying(MqttException.class,
                        timedOut -> assertThat(timedOut.getReasonCode()).isEqualTo(MqttException.REASON_CODE_CLIENT_TIMEOUT));
        device.publish("other/topic", "qos0".getBytes(StandardCharsets.UTF_8), 0, false);

        // The broker got the QoS 1 publish; only its ack was lost.
        await().atMost(WAIT).until(() -> arrived.contains("other/topic"));
        assertThat(arrived).containsExactly("devices/a/events", "other/topic");
    }

    @Test
    void duplicatePublish_subscriberReceivesAMatchingMessageTwice_theCopyMarkedDup() throws Exception {
        List<MqttMessage> received = new CopyOnWriteArrayList<>();
        List<String> topics = new CopyOnWriteArrayList<>();
        MqttClient subscriber = pahoV3(link.port());
        subscriber.connect();
        subscriber.subscribe("#", 1, (topic, message) -> {
            topics.add(topic);
            received.add(message);
        });
        link.apply(LinkFaults.create("duplicate-publish", Map.of("topic", "devices/+/events"), Direction.DOWNSTREAM));
        MqttClient publisher = pahoV3(mosquitto.port());
        publisher.connect();

        publisher.publish("devices/a/events", "once".getBytes(StandardCharsets.UTF_8), 1, false);
        publisher.publish("other/topic", "single".getBytes(StandardCharsets.UTF_8), 1, false);

        await().atMost(WAIT).until(() -> topics.contains("other/topic"));
        assertThat(topics).containsExactly("devices/a/events", "devices/a/events", "other/topic");
        assertThat(received.get(1).getPayload()).isEqualTo(received.get(0).getPayload());
        assertThat(received.get(1).getId()).isEqualTo(received.get(0).getId());
        assertThat(received).extracting(MqttMessage::isDuplicate).containsExactly(false, true, false);
    }

    @Test
    void overload_refusesNoConnectWithinCapacity_andMoreAsTheFleetTriesMore() throws Exception {
        List<Link> links = fourLinksOnAStoppedClock();
        links.forEach(link -> link.apply(LinkFaults.create("overload", FORTY_ON_FOUR_LINKS, null)));

        int withinCapacity = refused(40, links.subList(0, 1));
        int past = refused(40, links.subList(1, 4));
        int farPast = refused(80, links);

        assertThat(withinCapacity).as("40 connects on one link: the fleet's capacity is 40").isZero();
        assertThat(past).as("40 more on the other links, counted with the first link's").isPositive();
        assertThat(farPast / 80.0).as("the share refused grows with the connects tried (%d of 40, then %d of 80)",
                past, farPast).isGreaterThan(past / 40.0);
        assertThat(farPast).as("some still get in").isLessThan(80);
    }

    @Test
    void overload_appliedAgainAsAPhaseChangeDoes_keepsItsWindowAndItsCapacity() throws Exception {
        List<Link> links = fourLinksOnAStoppedClock();
        links.forEach(link -> link.apply(LinkFaults.create("overload", FORTY_ON_FOUR_LINKS, null)));
        assertThat(refused(40, links)).isZero();

        for (Link link : links) {
            link.restore();
            link.apply(LinkFaults.create("overload", FORTY_ON_FOUR_LINKS, null));
        }

        assertThat(refused(40, links)).as("the same front door: still 40 for four links, and 40 tried already").isPositive();
    }

    @Test
    void overload_refusesWithServerBusyForMqtt5_andServerUnavailableFor311() throws Exception {
        Link link = fourLinksOnAStoppedClock().get(0);
        link.apply(LinkFaults.create("overload", Map.of("capacity", "1/h", "window", 1_000), null));

        assertThatThrownBy(() -> pahoV5(link.port()).connect(new MqttConnectionOptions()))
                .isInstanceOfSatisfying(org.eclipse.paho.mqttv5.common.MqttException.class,
                        busy -> assertThat(busy.getReasonCode()).isEqualTo(0x89));
        assertThatThrownBy(() -> pahoV3(link.port()).connect())
                .isInstanceOfSatisfying(MqttException.class,
                        busy -> assertThat(busy.getReasonCode()).isEqualTo(MqttException.REASON_CODE_BROKER_UNAVAILABLE));
        assertThat(link.stats().bytesUp()).as("the broker never heard of them").isZero();
    }

    /**
     * How many of {@code connects} MQTT 5 connects, made in turn on {@code through}, the link refused
     * as server busy. A minimal client on a plain socket: CONNECT, read the CONNACK, DISCONNECT (the
     * library clients take a few hundred ms per connect, this takes one).
     */
    private static int refused(int connects, List<Link> through) throws Exception {
        int refused = 0;
        for (int i = 0; i < connects; i++) {
            int reason = connAckReason(through.get(i % through.size()), clientId());
            assertThat(reason).as("CONNACK reason code").isIn(0x00, 0x89);
            refused += reason == 0x89 ? 1 : 0;
        }
        return refused;
    }

    /** The reason code of the CONNACK that answers an MQTT 5 CONNECT (clean start, no properties) sent through {@code link}. */
    private static int connAckReason(Link link, String clientId) throws IOException {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream connect = new ByteArrayOutputStream();
        connect.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 60, 0, (byte) (id.length >> 8), (byte) id.length});
        connect.writeBytes(id);
        try (Socket socket = new Socket(link.host(), link.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0x10, (byte) connect.size()});
            out.write(connect.toByteArray());
            out.flush();
            byte[] connAck = socket.getInputStream().readNBytes(4);
            assertThat(connAck[0]).as("a CONNACK").isEqualTo((byte) 0x20);
            if (connAck[3] == 0) {
                out.write(new byte[] {(byte) 0xE0, 0});
                out.flush();
            }
            return connAck[3] & 0xFF;
        }
    }

    /**
     * Four links on a proxy whose scenario clock has not started: no scenario time passes between
     * connects, so that every connect of a test falls within an overload's window and the counts do
     * not depend on how fast the test runs.
     */
    private List<Link> fourLinksOnAStoppedClock() {
        ScenarioClock stopped = ScenarioClock.stopped();
        FaultProxy onTheClock = FaultProxy.create("127.0.0.1", mosquitto.port(), stopped);
        clients.add(stopped);
        clients.add(onTheClock);
        return IntStream.range(0, 4).mapToObj(i -> onTheClock.openLink("device-" + i)).toList();
    }

    /** The topics published, in order of arrival, as seen by a client connected to the broker without the link. */
    private List<String> subscribeDirectly(String filter) throws Exception {
        List<String> arrived = new CopyOnWriteArrayList<>();
        MqttClient subscriber = pahoV3(mosquitto.port());
        subscriber.connect();
        subscriber.subscribe(filter, 1, (topic, message) -> arrived.add(topic));
        return arrived;
    }

    private MqttClient pahoV3(int port) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, clientId(), new MemoryPersistence());
        clients.add(() -> {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1_000, false);
            }
            client.close(true);
        });
        return client;
    }

    private org.eclipse.paho.mqttv5.client.MqttClient pahoV5(int port) throws org.eclipse.paho.mqttv5.common.MqttException {
        var client = new org.eclipse.paho.mqttv5.client.MqttClient("tcp://127.0.0.1:" + port, clientId(),
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        clients.add(() -> {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1_000, false);
            }
            client.close(true);
        });
        return client;
    }

    /** A HiveMQ MQTT 5 client that completes {@code disconnected} with the cause of its first disconnect. */
    private Mqtt5BlockingClient hiveMq(int port, CompletableFuture<Throwable> disconnected) {
        Mqtt5BlockingClient client = Mqtt5Client.builder()
                .identifier(clientId())
                .serverHost("127.0.0.1")
                .serverPort(port)
                .addDisconnectedListener(context -> disconnected.complete(context.getCause()))
                .buildBlocking();
        clients.add(() -> client.toAsync().disconnect().exceptionally(notConnected -> null).get(5, TimeUnit.SECONDS));
        return client;
    }

    private static String clientId() {
        return "mqtt-level-" + CLIENT_IDS.incrementAndGet();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Paho 3.1.1 callbacks with nothing to do but the one a test overrides. */
    private abstract static class PahoV3Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }

    /** Paho 5 callbacks with nothing to do but the one a test overrides. */
    private abstract static class PahoV5Callback implements org.eclipse.paho.mqttv5.client.MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {
        }

        @Override
        public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
