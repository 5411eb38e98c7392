package io.cloudcut.identity;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerException;
import io.cloudcut.broker.BrokerSettings;
import io.cloudcut.broker.ServerDisconnect;
import io.cloudcut.broker.Brokers;
import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.dashboard.mqtt.DeviceConventions;
import io.cloudcut.fault.FaultProxy;
import io.cloudcut.fault.Link;
import io.cloudcut.harness.Scenarios;
import io.cloudcut.mqtt.BrokerDisconnect;
import io.cloudcut.mqtt.ConnectAttempt;
import io.cloudcut.mqtt.ConnectionListener;
import io.cloudcut.mqtt.ConnectionSettings;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.mqtt.DeviceConnection;
import io.cloudcut.mqtt.MqttStacks;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.Jitter;
import io.cloudcut.scenario.ReconnectPolicy;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.ScenarioLoader;
import io.cloudcut.testing.Project;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cloudcut.identity.LoginClients.connect;
import static io.cloudcut.identity.LoginClients.subAck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The embedded broker with a run's identities, on real TCP with real clients: who gets in, and what
 * a client sees when it reaches beyond its own topics, on MQTT 3.1.1 and 5 (the README's table).
 */
class IdentitiesOnEmbeddedBrokerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static Identities identities;
    private static Broker broker;
    private static LoginClients clients;
    private static DeviceModel vacuum;

    @BeforeAll
    static void startBroker() throws Exception {
        ScenarioLoader loader = Scenarios.loader(Project.root());
        vacuum = loader.loadModel(Project.file("devices/vacuum-local-first.yaml"),
                loader.loadCloud(Project.file("clouds/default.yaml")));
        identities = Identities.generate();
        for (String id : List.of("vacuum-1", "vacuum-2")) {
            identities.enrol(id, vacuum);
        }
        broker = Brokers.start(new BrokerSettings(null, 0, null), identities);
        clients = new LoginClients(broker.endpoint().port());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /**
     * Two runs side by side in one JVM (a user's test classes in parallel): two brokers started at once
     * each admit their own run's identities. Before their starts were taken one at a time, the first pair
     * in a fresh JVM had one broker refuse its own device's password (HiveMQ's extension services are the
     * JVM's); EmbeddedBrokerTest checks that a start waits for another's.
     */
    @Test
    void twoBrokersStartedAtOnceEachAdmitTheirOwnIdentities() throws Exception {
        for (int pair = 0; pair < 3; pair++) {
            Identities mine = Identities.generate();
            Identities theirs = Identities.generate();
            mine.enrol("vacuum-1", vacuum);
            theirs.enrol("vacuum-1", vacuum);
            CompletableFuture<Broker> starting = CompletableFuture.supplyAsync(() -> {
                try {
                    return Brokers.start(new BrokerSettings(null, 0, null), theirs);
                } catch (BrokerException failed) {
                    throw new IllegalStateException(failed);
                }
            });
            try (Broker first = Brokers.start(new BrokerSettings(null, 0, null), mine); Broker second = starting.join()) {
                for (var started : List.of(Map.entry(first, mine), Map.entry(second, theirs))) {
                    Mqtt5BlockingClient device = new LoginClients(started.getKey().endpoint().port()).v5("vacuum-1");
                    connect(device, started.getValue().device("vacuum-1"));
                    assertThat(device.getState().isConnected()).as("pair %d, %s", pair, started.getKey().endpoint()).isTrue();
                    device.disconnect();
                }
            }
        }
    }

    @Test
    void anAnonymousClientIsRefused() {
        assertThat(clients.refusalV5("anonymous", null)).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        assertThat(clients.refusalV3("anonymous", null)).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
    }

    @Test
    void aWrongPasswordIsRefused() {
        Credentials forged = new Credentials("vacuum-1", "not-its-password");
        assertThat(clients.refusalV5("vacuum-1", forged)).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(clients.refusalV3("vacuum-1", forged)).isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void aDeviceCannotConnectAsAnotherDevice() {
        // Its own password under the other's name, and the other's credentials under its own client id.
        Credentials itsOwnPasswordUnderAnotherName = new Credentials("vacuum-2", identities.device("vacuum-1").password());
        assertThat(clients.refusalV5("vacuum-2", itsOwnPasswordUnderAnotherName))
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(clients.refusalV5("vacuum-1", identities.device("vacuum-2")))
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(clients.refusalV5("vacuum-3", identities.device("vacuum-3"))).as("a device that is not enrolled in the run")
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void aWildcardSubscriptionToOtherDevicesIsRefusedAndTheConnectionStays() {
        Mqtt5BlockingClient device5 = clients.v5("vacuum-1");
        connect(device5, identities.device("vacuum-1"));
        assertThat(subAck(device5, "cloudcut/devices/#")).containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
        assertThat(subAck(device5, CloudTopics.command("vacuum-2"))).containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
        assertThat(subAck(device5, CloudTopics.command("vacuum-1"))).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        assertThat(device5.getState().isConnected()).isTrue();
        device5.disconnect();

        Mqtt3BlockingClient device3 = clients.v3("vacuum-2");
        connect(device3, identities.device("vacuum-2"));
        assertThat(subAck(device3, "cloudcut/#")).containsExactly(Mqtt3SubAckReturnCode.FAILURE);
        assertThat(device3.getState().isConnected()).isTrue();
        device3.disconnect();
    }

    @Test
    void aDevicesPublishToAnotherDevicesTopicNeverArrivesAndCostsItsConnection() throws Exception {
        Mqtt5BlockingClient victim = clients.v5("vacuum-2");
        connect(victim, identities.device("vacuum-2"));
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        victim.toAsync().subscribeWith().topicFilter(CloudTopics.command("vacuum-2")).qos(MqttQos.AT_LEAST_ONCE)
                .callback(publish -> commands.add(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8)))
                .send().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        Mqtt5BlockingClient intruder = clients.v5("vacuum-1");
        connect(intruder, identities.device("vacuum-1"));
        assertThatThrownBy(() -> intruder.publishWith().topic(CloudTopics.command("vacuum-2")).qos(MqttQos.AT_LEAST_ONCE)
                .payload("forged".getBytes(StandardCharsets.UTF_8)).send())
                .isInstanceOfSatisfying(Mqtt5PubAckException.class, refused ->
                        assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
        await().atMost(PATIENCE).until(() -> !intruder.getState().isConnected());
        Mqtt3BlockingClient intruder3 = clients.v3("vacuum-1");
        connect(intruder3, identities.device("vacuum-1"));
        // MQTT 3.1.1 has no code to refuse a publish with: the broker only drops the connection.
        intruder3.toAsync().publishWith().topic(CloudTopics.command("vacuum-2")).qos(MqttQos.AT_LEAST_ONCE)
                .payload("forged over 3.1.1".getBytes(StandardCharsets.UTF_8)).send();
        await().atMost(PATIENCE).until(() -> !intruder3.getState().isConnected());

        // The cloud's own command comes after the refused one: had the forged one passed, it would be first.
        Mqtt5BlockingClient cloud = clients.v5("cloudcut-cloud-commands-test");
        connect(cloud, identities.cloudService("commands"));
        cloud.publishWith().topic(CloudTopics.command("vacuum-2")).qos(MqttQos.AT_LEAST_ONCE)
                .payload("genuine".getBytes(StandardCharsets.UTF_8)).send();
        assertThat(commands.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("genuine");
        assertThat(commands).isEmpty();
        cloud.disconnect();
        victim.disconnect();
    }

    /**
     * The broker tells the harness of each connection it closes of its own accord, with the reason: a client that sees
     * only its socket go (it was writing) is then known to have been closed for what it sent.
     */
    @Test
    void aConnectionTheBrokerClosesForWhatTheClientSentIsToldWithItsReason() throws Exception {
        BlockingQueue<ServerDisconnect> closed = new LinkedBlockingQueue<>();
        broker.onServerDisconnects(closed::add);
        Mqtt5BlockingClient intruder = clients.v5("vacuum-1");
        connect(intruder, identities.device("vacuum-1"));
        assertThatThrownBy(() -> intruder.publishWith().topic(CloudTopics.command("vacuum-2")).qos(MqttQos.AT_LEAST_ONCE)
                .payload("forged".getBytes(StandardCharsets.UTF_8)).send()).isInstanceOf(Mqtt5PubAckException.class);

        ServerDisconnect told = closed.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(told).isNotNull();
        assertThat(told.clientId()).isEqualTo("vacuum-1");
        assertThat(told.reason()).isEqualTo("NOT_AUTHORIZED");
        assertThat(BrokerDisconnect.isTheClientsError(told.reason())).isTrue();
        broker.onServerDisconnects(disconnect -> { });
    }

    @Test
    void theDashboardIdentityReadsTheDevicesTopicsButCannotWriteTheirState() {
        DeviceConventions conventions = DeviceConventions.of("vacuum-1", vacuum);
        Mqtt5BlockingClient dashboard = clients.v5("home-assistant");
        connect(dashboard, identities.dashboard());
        assertThat(subAck(dashboard, conventions.baseTopic() + "/#")).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        assertThat(subAck(dashboard, CloudTopics.INGEST_ALL))
                .as("the cloud's topics are not the dashboard's").containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
        assertThatThrownBy(() -> dashboard.publishWith().topic(conventions.stateTopic()).qos(MqttQos.AT_LEAST_ONCE)
                .retain(true).payload("{\"state\":\"forged\"}".getBytes(StandardCharsets.UTF_8)).send())
                .isInstanceOf(Mqtt5PubAckException.class);
    }

    /** Every client stack sends the credentials, and with them connects and subscribes to its own topics. */
    @ParameterizedTest
    @MethodSource("io.cloudcut.testing.ClientStacks#wireNames")
    void everyClientStackLogsIn(String stack) throws Exception {
        String id = "vacuum-" + stack;
        try (OpenConnection open = OpenConnection.on(stack, id, broker.endpoint().port(),
                List.of(CloudTopics.auth(id), CloudTopics.command(id)))) {
            await().atMost(PATIENCE).until(() -> open.connects().get() == 1);
            join(open.connection().publish(CloudTopics.ingest(id), Buffer.buffer("{}")));
        }
    }

    /**
     * One lifecycle on every stack: a SUBACK that refuses a filter (another device's commands) is no
     * connect. The connection is dropped and made again to subscribe again, as often as it is refused;
     * the fault link in front counts the connections the broker got.
     */
    @ParameterizedTest
    @MethodSource("io.cloudcut.testing.ClientStacks#wireNames")
    void aRefusedSubscription_isNoConnect_andEveryStackConnectsAgainToSubscribeAgain(String stack) throws Exception {
        String id = "vacuum-refused-" + stack;
        FaultProxy proxy = FaultProxy.create(broker.endpoint().host(), broker.endpoint().port());
        try {
            Link link = proxy.openLink(id);
            try (OpenConnection open = OpenConnection.on(stack, id, link.port(),
                    List.of(CloudTopics.auth(id), CloudTopics.command("vacuum-2")))) {
                await().atMost(PATIENCE).until(() -> link.stats().accepted() >= 3);
                assertThat(open.connects()).as("connects reported").hasValue(0);
                assertThat(open.connection().isConnected()).isFalse();
                assertThat(open.connection().stats().connects()).isZero();
            }
        } finally {
            proxy.close();
        }
    }

    /**
     * A device's connection on a stack, enrolled and opened on its own context with its credentials,
     * counting its connects, and retrying quickly (a 200 ms first delay, on a clock at 60x); closed with
     * its Vert.x and clock.
     */
    private record OpenConnection(Vertx vertx, ScenarioClock clock, DeviceConnection connection, AtomicInteger connects)
            implements AutoCloseable {

        static OpenConnection on(String stack, String id, int port, List<String> subscriptions) throws Exception {
            identities.enrol(id, vacuum);
            AtomicInteger connects = new AtomicInteger();
            ConnectionListener listener = counting(connects);
            Vertx vertx = Vertx.vertx();
            ScenarioClock clock = ScenarioClock.running(60);
            ConnectionSettings settings = new ConnectionSettings(id, broker.endpoint().host(), port,
                    vacuum.keepAlive(), vacuum.connectTimeout(), vacuum.mqttSession(), subscriptions,
                    new ReconnectPolicy(Duration.ofMillis(200), 2.0, Duration.ofSeconds(2), Jitter.NONE, 0), clock)
                    .withCredentials(identities.device(id));
            CompletableFuture<DeviceConnection> created = new CompletableFuture<>();
            vertx.getOrCreateContext().runOnContext(onContext -> {
                DeviceConnection opened = MqttStacks.create(stack, vertx, settings, listener);
                opened.open();
                created.complete(opened);
            });
            return new OpenConnection(vertx, clock, created.get(PATIENCE.toSeconds(), TimeUnit.SECONDS), connects);
        }

        @Override
        public void close() throws Exception {
            try {
                join(connection.close());
            } finally {
                clock.close();
                join(vertx.close());
            }
        }
    }

    private static <T> T join(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    private static ConnectionListener counting(AtomicInteger connects) {
        return new ConnectionListener() {
            @Override
            public void connected(ConnectAttempt attempt) {
                connects.incrementAndGet();
            }

            @Override
            public void connectionLost(String cause) {
            }

            @Override
            public void gaveUp(int attempts) {
            }

            @Override
            public void message(String topic, Buffer payload) {
            }
        };
    }
}
