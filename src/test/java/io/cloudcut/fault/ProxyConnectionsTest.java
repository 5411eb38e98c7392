package io.cloudcut.fault;

import io.cloudcut.testing.MosquittoClients;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The stand-alone proxy's view of each client connection, faults aimed at client ids, and timed faults,
 * with Paho clients and Mosquitto's own clients in front of Mosquitto.
 */
class ProxyConnectionsTest extends StandaloneProxyToMosquitto {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final List<AutoCloseable> clients = new CopyOnWriteArrayList<>();

    /** Before the proxy stops (the superclass's {@code @AfterEach} runs after this one). */
    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    @Test
    void connections_showAClientsIdAndStateThroughFaults_andTheEventsSayTheSame() throws Exception {
        List<JsonObject> events = api.followEvents();
        MqttClient robot = new MqttClient(proxyUri(), "robot-1", new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        clients.add(() -> robot.close(true));
        robot.connect(new MqttConnectionOptions());

        JsonObject connected = api.connectionOf("robot-1");
        assertThat(connected.getString("state")).isEqualTo("connected");
        assertThat(connected.getString("mqttVersion")).isEqualTo("5");
        assertThat(connected.getJsonArray("connackCodes")).isEqualTo(new JsonArray().add(0));
        assertThat(connected.getLong("packetsUp")).isEqualTo(1);
        assertThat(connected.getLong("packetsDown")).isEqualTo(1);
        assertThat(connected.getLong("bytesUp")).isPositive();
        assertThat(connected.getJsonObject("since").fieldNames()).containsExactlyInAnyOrder("connecting", "connected");
        String id = connected.getString("id");
        assertThat(api.send("GET", "/connections/" + id, null).json().getString("clientId")).isEqualTo("robot-1");

        JsonObject kick = api.addFault("{\"type\":\"disconnect\",\"name\":\"kick\",\"target\":{\"clients\":[\"robot-1\"]}}");
        assertThat(kick.getBoolean("done")).isTrue();
        await().atMost(WAIT).until(() -> !robot.isConnected());
        await().atMost(WAIT).until(() -> api.connectionOf("robot-1").getString("state").equals("closed"));

        api.addFault("{\"type\":\"refuse-connect\",\"name\":\"no-robots\",\"target\":{\"clients\":[\"robot-*\"]},"
                + "\"attributes\":{\"reason\":\"not-authorized\"}}");
        // mosquitto_pub exits with the CONNACK's reason code.
        assertThat(publish("robot-2", "refused")).isEqualTo(0x87);
        assertThat(publish("phone-1", "through")).isZero();

        JsonObject refused = api.connectionOf("robot-2");
        assertThat(refused.getJsonObject("since").fieldNames()).contains("connecting", "refused");
        assertThat(refused.getJsonArray("connackCodes")).isEqualTo(new JsonArray().add(0x87));
        assertThat(refused.getString("mqttVersion")).isEqualTo("5");
        assertThat(api.connectionOf("phone-1").getJsonArray("connackCodes")).isEqualTo(new JsonArray().add(0));
        assertThat(proxy.link().stats().refusedLogins()).isEqualTo(1);
        assertThat(api.getArray("/links").getJsonObject(0).getJsonObject("stats").getLong("refusedLogins")).isEqualTo(1);
        await().atMost(WAIT).until(() -> events.stream().anyMatch(event -> event.getString("event").equals("connection-closed")
                && "phone-1".equals(event.getString("clientId"))));
        // The close and the end of the one-shot fault come from different threads, in either order.
        assertThat(events).filteredOn(event -> "robot-1".equals(event.getString("clientId")) || "kick".equals(event.getString("fault")))
                .extracting(event -> event.getString("event"))
                .startsWith("connection-connected", "fault-added")
                .containsExactlyInAnyOrder("connection-connected", "fault-added", "connection-closed", "fault-done");
        assertThat(events).filteredOn(event -> id.equals(event.getString("connection")))
                .extracting(event -> event.getString("event")).first().isEqualTo("connection-connecting");
        assertThat(events).filteredOn(event -> "robot-2".equals(event.getString("clientId")))
                .extracting(event -> event.getString("event") + " " + event.getInteger("connack"))
                .containsExactly("connection-refused 135", "connection-closed null");
    }

    @Test
    void aFaultOnOneClientId_leavesAnotherAlone() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        org.eclipse.paho.client.mqttv3.MqttClient watcher = connectV3("watcher");
        watcher.subscribe("cloudcut/#", 1, (topic, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
        org.eclipse.paho.client.mqttv3.MqttClient robotA = connectV3("robot-a");
        org.eclipse.paho.client.mqttv3.MqttClient robotB = connectV3("robot-b");

api.addFault("{\"type\":\"blackhole\",\"name\":\"hole-a\",\"target\":{\"clients\":[\"robot-a\"]}}");

        assertThat(api.connectionOf("robot-a").getJsonArray("faults")).isEqualTo(new JsonArray().add("hole-a"));
        assertThat(api.connectionOf("robot-b").getJsonArray("faults")).isEmpty();
        assertThat(api.connectionOf("watcher").getJsonArray("faults")).isEmpty();
robotA.publish("cloudcut/a", "from-a".getBytes(StandardCharsets.UTF_8), 0, false);
        await().atMost(WAIT).until(() -> proxy.link().stats().bytesDropped() > 0);
robotB.publish("cloudcut/b", "from-b".getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(WAIT).until(() -> received.contains("from-b"));
        assertThat(received).containsExactly("from-b");

assertThat(api.send("DELETE", "/faults/hole-a", null).status()).isEqualTo(204);
        robotA.publish("cloudcut/a", "from-a-again".getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(WAIT).until(() -> received.contains("from-a-again"));
        assertThat(received).containsExactly("from-b", "from-a-again");
    }

    @Test
    void aBlackholeAimedAtAClientId_opensNothingTowardsTheBrokerForIt_whileAnotherClientConnects() throws Exception {
        api.addFault("{\"type\":\"blackhole\",\"name\":\"hole-a\",\"target\":{\"clients\":[\"robot-a\"]}}");
        long brokerSawBefore = mosquitto.connectionsAccepted();

        try (Socket robotA = new Socket("127.0.0.1", proxy.link().port())) {
            robotA.setSoTimeout(2_000);
            // MQTT 3.1.1 CONNECT, clean session, keepalive 60 s, client id robot-a.
            robotA.getOutputStream().write(new byte[] {0x10, 0x13, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 7,
                'r', 'o', 'b', 'o', 't', '-', 'a'});
            assertThatThrownBy(() -> robotA.getInputStream().read()).as("no CONNACK: its CONNECT went into the blackhole")
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(mosquitto.connectionsAccepted()).as("the broker heard nothing of robot-a").isEqualTo(brokerSawBefore);
        }

        connectV3("robot-b");
        await().atMost(WAIT).until(() -> mosquitto.connectionsAccepted() == brokerSawBefore + 1);
    }

    @Test
    void aTimedFault_removesItself() throws Exception {
        List<JsonObject> events = api.followEvents();

        JsonObject added = api.addFault("{\"type\":\"latency\",\"name\":\"brief\",\"duration\":300,\"attributes\":{\"latency\":100}}");

        assertThat(added.getLong("duration")).isEqualTo(300);
        await().atMost(WAIT).until(() -> api.send("GET", "/faults/brief", null).status() == 404);
        assertThat(api.getArray("/faults")).isEmpty();
        assertThat(proxy.link().faults()).isEmpty();
        await().atMost(WAIT).until(() -> events.size() >= 2);
        assertThat(events).extracting(event -> event.getString("event") + " " + event.getString("fault"))
                .containsExactly("fault-added brief", "fault-expired brief");
    }

    private String proxyUri() {
        return "tcp://127.0.0.1:" + proxy.link().port();
    }

    private org.eclipse.paho.client.mqttv3.MqttClient connectV3(String clientId) throws Exception {
        org.eclipse.paho.client.mqttv3.MqttClient client =
                new org.eclipse.paho.client.mqttv3.MqttClient(proxyUri(), clientId, new MemoryPersistence());
        clients.add(() -> {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1_000, false);
            }
            client.close(true);
        });
        client.connect(new MqttConnectOptions());
        return client;
    }

    /** {@code mosquitto_pub} over MQTT 5 through the proxy as {@code clientId}; its exit code. */
    private int publish(String clientId, String message) throws Exception {
        return MosquittoClients.publishAs(proxy.link().port(), clientId, "cloudcut/pub", message);
    }
}
