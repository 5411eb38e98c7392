package io.cloudcut.fault;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import static io.cloudcut.fault.VertxFutures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Links that share one listening port, told apart by the client id of each CONNECT, in front of a real Mosquitto. */
class SharedPortTest extends MosquittoForTheClass {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String TOPIC = "cloudcut/shared";

    private static Vertx vertx;

    private final List<MqttClient> clients = new ArrayList<>();
    private FaultProxy proxy;
    private Link robotA;
    private Link robotB;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        join(vertx.close());
    }

    @BeforeEach
    void openLinks() {
        proxy = FaultProxy.create("127.0.0.1", mosquitto.port());
        robotA = proxy.openLinkOnSharedPort("robot-a");
        robotB = proxy.openLinkOnSharedPort("robot-b");
    }

    @AfterEach
    void close() {
        clients.stream().filter(MqttClient::isConnected).forEach(MqttClient::disconnect);
        proxy.close();
    }

    @Test
    void twoDevicesOnOnePort_reachTheBroker_andAFaultOnOneLinkActsOnItsDeviceOnly() throws Exception {
        assertThat(robotA.port()).isEqualTo(robotB.port());
        assertThat(robotA.onSharedPort()).isTrue();
        // So that the links follow the handshake and count packets, as the stand-alone proxy does.
        proxy.watchConnections();
        Queue<String> received = subscribeDirectly();
        MqttClient a = connect("robot-a");
        MqttClient b = connect("robot-b");
        Set<Integer> ackedA = ConcurrentHashMap.newKeySet();
        a.publishCompletionHandler(ackedA::add);

        assertThat(robotA.stats().accepted()).isEqualTo(1);
        assertThat(robotB.stats().accepted()).isEqualTo(1);
        assertThat(robotA.connectionViews()).singleElement().satisfies(view -> {
            assertThat(view.clientId()).isEqualTo("robot-a");
            assertThat(view.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(view.packetsUp()).as("the CONNECT the shared port read went on").isEqualTo(1);
            assertThat(view.connackCodes()).containsExactly(0);
        });

        robotA.apply(LinkFaults.named("blackhole"));
        int lost = join(a.publish(TOPIC, Buffer.buffer("from-a"), MqttQoS.AT_LEAST_ONCE, false, false));
        await().atMost(WAIT).until(() -> robotA.stats().bytesDropped() > 0);
        join(b.publish(TOPIC, Buffer.buffer("from-b"), MqttQoS.AT_LEAST_ONCE, false, false));

        await().atMost(WAIT).until(() -> received.contains("from-b"));
        assertThat(received).containsExactly("from-b");
        assertThat(ackedA).doesNotContain(lost);
        assertThat(robotB.stats().bytesDropped()).isZero();
        assertThat(b.isConnected()).isTrue();
    }

    /** Each connection moves from the shared port's thread to its link's loop with what was read, as often as it comes. */
    @Test
    void connectionsOfOneDeviceInARow_eachReachTheBroker() throws Exception {
        Queue<String> received = subscribeDirectly();
        for (int round = 1; round <= 3; round++) {
            MqttClient a = connect("robot-a");
            String payload = "round-" + round;
            join(a.publish(TOPIC, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false));
            await().atMost(WAIT).until(() -> received.contains(payload));
            join(a.disconnect());
        }
        assertThat(received).containsExactly("round-1", "round-2", "round-3");
        assertThat(robotA.stats().accepted()).isEqualTo(3);
    }

    @Test
    void aRefusingLink_resetsItsDeviceAfterItsConnect_openingNothingUpstream_whileTheOtherConnects() throws Exception {
        for (String refusing : List.of("refuse", "unresolvable", "flap")) {
            // A flap that stays down for the test.
            robotA.apply(LinkFaults.create(refusing, refusing.equals("flap") ? Map.of("down", 600_000) : Map.of(), null));
            long brokerSawBefore = mosquitto.connectionsAccepted();
            long resetsBefore = robotA.stats().reset();

            assertThatThrownBy(() -> connect("robot-a")).as(refusing).isInstanceOf(ExecutionException.class);
            await().atMost(WAIT).until(() -> robotA.openConnections() == 0 && robotA.stats().reset() == resetsBefore + 1);
            MqttClient b = connect("robot-b");

            assertThat(robotA.stats().bytesUp()).as("%s: nothing went on to the broker", refusing).isZero();
            assertThat(robotA.connectionViews()).as(refusing).last().satisfies(view -> {
                assertThat(view.clientId()).isEqualTo("robot-a");
                assertThat(view.state()).isEqualTo(ConnectionState.CLOSED);
                assertThat(view.since()).doesNotContainKey(ConnectionState.CONNECTED);
            });
            await().atMost(WAIT).until(() -> mosquitto.connectionsAccepted() == brokerSawBefore + 1);
            await().during(Duration.ofMillis(500)).atMost(WAIT)
                    .until(() -> mosquitto.connectionsAccepted() == brokerSawBefore + 1);
            b.disconnect();
            robotA.restore();
        }
        assertThat(connect("robot-a").isConnected()).as("restored").isTrue();
    }

    /** The CONNECT the shared port read is answered by the link, and the broker never hears of the connection. */
    @Test
    void refuseConnect_answersTheConnectTheSharedPortRead_openingNothingUpstream() throws Exception {
        robotA.apply(LinkFaults.create("refuse-connect", Map.of("reason", "not-authorized"), null));
        long brokerSawBefore = mosquitto.connectionsAccepted();

        assertThatThrownBy(() -> connect("robot-a")).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("CONNECTION_REFUSED_NOT_AUTHORIZED");

        await().atMost(WAIT).until(() -> robotA.stats().refusedLogins() == 1 && robotA.openConnections() == 0);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> mosquitto.connectionsAccepted() == brokerSawBefore);
    }

    @Test
    void anUnknownClientId_isClosedAndCounted_andNothingOpensUpstream() throws Exception {
        long brokerSawBefore = mosquitto.connectionsAccepted();
        List<ProxyEvent> events = new CopyOnWriteArrayList<>();
        proxy.events().listen(events::add);

        assertThatThrownBy(() -> connect("robot-z")).isInstanceOf(ExecutionException.class);

        await().atMost(WAIT).until(() -> proxy.refusedOnSharedPort() == 1);
        assertThat(robotA.stats().accepted() + robotB.stats().accepted()).isZero();
        assertThat(events).extracting(ProxyEvent::event).containsExactly("connection-unknown");
        assertThat(events.get(0).about()).containsEntry("clientId", "robot-z");
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> mosquitto.connectionsAccepted() == brokerSawBefore);
    }

    @Test
    void bytesThatAreNoConnect_areClosedOnAndCounted() throws Exception {
        try (Socket socket = new Socket(robotA.host(), robotA.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\n\r\n".getBytes());
            out.flush();
            socket.setSoTimeout((int) WAIT.toMillis());
            assertThat(socket.getInputStream().read()).as("closed by the proxy").isEqualTo(-1);
        }
        assertThat(proxy.refusedOnSharedPort()).isEqualTo(1);
    }

    @Test
    void blackhole_holdsANewConnection_andTheBrokerHearsNothingOfIt() throws Exception {
        robotA.apply(LinkFaults.named("blackhole"));
        long brokerSawBefore = mosquitto.connectionsAccepted();
        MqttClient a = newClient("robot-a");
        a.connect(robotA.port(), robotA.host());

        await().atMost(WAIT).until(() -> robotA.openConnections() == 1 && robotA.stats().bytesDropped() > 0);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> mosquitto.connectionsAccepted() == brokerSawBefore);
        assertThat(a.isConnected()).isFalse();

        robotA.restore();
        await().atMost(WAIT).until(() -> mosquitto.connectionsAccepted() == brokerSawBefore + 1);
    }

    /** The payloads published on the test topic, as a client straight on the broker sees them. */
    @Test
    void aListeningSocketClosedUnasked_isAFailureOfThePort_whichListensAgainOnTheSamePort() throws Exception {
        int port = robotA.port();
        MqttClient before = connect("robot-a");
        assertThat(proxy.failures()).as("before anything failed").isEmpty();

        sharedListener().close().syncUninterruptibly();

        await().atMost(WAIT).until(() -> !proxy.failures().isEmpty());
        assertThat(proxy.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.ofSharedPort()).isTrue();
            assertThat(failure.times()).isEqualTo(1);
            assertThat(failure.first()).isEqualTo("its listening socket closed");
        });
        assertThat(before.isConnected()).as("a connection already handed to its link lives on").isTrue();
        MqttClient after = await().atMost(WAIT).ignoreExceptions().until(() -> connect("robot-b"), MqttClient::isConnected);
        assertThat(after.isConnected()).isTrue();
        assertThat(robotB.port()).isEqualTo(port);
    }

    /**
     * The shared port's listening channel, reached by reflection: nothing in the proxy closes it unasked,
     * which is the point, so the test does it as a failure of Netty or the OS would.
     */
    private Channel sharedListener() throws ReflectiveOperationException {
        Field portField = FaultProxy.class.getDeclaredField("sharedPort");
        portField.setAccessible(true);
        Field listenerField = SharedPort.class.getDeclaredField("listener");
        listenerField.setAccessible(true);
        return (Channel) listenerField.get(portField.get(proxy));
    }

    private Queue<String> subscribeDirectly() throws Exception {
        Queue<String> arrived = new ConcurrentLinkedQueue<>();
        MqttClient subscriber = newClient("watcher");
        subscriber.publishHandler(message -> arrived.add(message.payload().toString()));
        join(subscriber.connect(mosquitto.port(), "127.0.0.1"));
        join(subscriber.subscribe(TOPIC, 1));
        return arrived;
    }

    private MqttClient connect(String clientId) throws Exception {
        MqttClient client = newClient(clientId);
        join(client.connect(robotA.port(), robotA.host()));
        return client;
    }

    private MqttClient newClient(String clientId) {
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId(clientId).setKeepAliveInterval(2));
        clients.add(client);
        return client;
    }
}
