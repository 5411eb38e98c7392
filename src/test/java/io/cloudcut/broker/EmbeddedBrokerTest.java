package io.cloudcut.broker;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The embedded HiveMQ CE: where it listens, what it keeps across a restart, how it stops. The tests run
 * side by side, each with a broker of its own on a port of its own: most of their time is the broker
 * stopping (its Netty loops wait out a quiet period).
 */
@Execution(ExecutionMode.CONCURRENT)
class EmbeddedBrokerTest {

    private static final Path PROJECT_CONFIG_DIR =
            Path.of(System.getProperty("cloudcut.project.dir", ".")).resolve("broker-config");

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        Mqtt311Probe.await(vertx.close());
    }

    @Test
    void startsOnLoopbackOnAFreePortAndAnMqtt311ClientReceivesItsOwnQos1Message() throws Exception {
        Path workFolder;
        int port;
        try (Broker broker = Brokers.start(new BrokerSettings(null, 0, PROJECT_CONFIG_DIR))) {
            port = broker.endpoint().port();
            assertThat(broker).isInstanceOf(EmbeddedBroker.class);
            assertThat(broker.endpoint().host()).isEqualTo("127.0.0.1");
            assertThat(broker.endpoint().uri()).isEqualTo("tcp://127.0.0.1:" + port);
            assertThat(broker.description()).isEqualTo("embedded HiveMQ CE 2025.5 on 127.0.0.1:" + port + " (in-memory)");

            assertThat(Mqtt311Probe.roundTrip(vertx, broker.endpoint())).startsWith("hello from probe-");

            workFolder = ((EmbeddedBroker) broker).workFolder();
            assertThat(workFolder.resolve("conf/config.xml")).exists();
        }
        assertThat(workFolder).doesNotExist();
        assertThat(LoopbackPorts.isFree(InetAddress.getLoopbackAddress(), port)).isTrue();
    }

    /** What lets a run return before its broker is closed: the next run's broker starts and serves meanwhile. */
    @Test
    void aBrokerStartsAndServesWhileTheLastOneClosesInTheBackground() throws Exception {
        Broker last = Brokers.start(new BrokerSettings(null, 0, PROJECT_CONFIG_DIR));
        Path lastFolder = ((EmbeddedBroker) last).workFolder();
        int lastPort = last.endpoint().port();
        assertThat(Mqtt311Probe.roundTrip(vertx, last.endpoint())).startsWith("hello from probe-");

        BrokerClosing.inBackground(last);
        try (Broker next = Brokers.start(new BrokerSettings(null, 0, PROJECT_CONFIG_DIR))) {
            assertThat(next.endpoint().port()).isNotEqualTo(lastPort);
            assertThat(Mqtt311Probe.roundTrip(vertx, next.endpoint())).startsWith("hello from probe-");

            BrokerClosing.awaitAll(BrokerClosing.LIMIT);

            assertThat(lastFolder).doesNotExist();
            assertThat(LoopbackPorts.isFree(InetAddress.getLoopbackAddress(), lastPort)).isTrue();
            assertThat(Mqtt311Probe.roundTrip(vertx, next.endpoint())).as("once the last one is closed")
                    .startsWith("hello from probe-");
        }
    }

    /** Two runs side by side in one JVM: HiveMQ's start reads JVM-wide state, so a start waits for another's. */
    @Test
    void aStartWaitsWhileAnotherBrokerInThisJvmIsStarting() throws Exception {
        CompletableFuture<Broker> starting;
        synchronized (EmbeddedBroker.STARTING) {
            starting = CompletableFuture.supplyAsync(() -> {
                try {
                    return Brokers.start(new BrokerSettings(null, 0, PROJECT_CONFIG_DIR));
                } catch (BrokerException failed) {
                    throw new IllegalStateException(failed);
                }
            });
            // A start takes 0.1-2.5 s, the first in a JVM the longest: unheld, it would be done within these 5.
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> !starting.isDone());
        }
        try (Broker broker = starting.get(60, TimeUnit.SECONDS)) {
            assertThat(Mqtt311Probe.roundTrip(vertx, broker.endpoint())).startsWith("hello from probe-");
        }
    }

    @Test
    void anMqtt5ClientReceivesItsOwnQos1MessageAndTheConfiguredKeepAliveCap(@TempDir Path configDir) throws Exception {
        Files.writeString(configDir.resolve("embedded.yaml"), """
                port: 0
                persistence: file
                max-keep-alive-seconds: 60
                """);
        try (Broker broker = Brokers.start(BrokerSettings.embedded(configDir));
             Mqtt5Probe client = new Mqtt5Probe(broker.endpoint())) {
            assertThat(broker.description()).endsWith("(file)");

            MqttConnAckMessage connAck = client.connect(120);
            assertThat(connAck.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            // Only an MQTT 5 CONNACK carries this property: proof of MQTT 5, and of config.xml taking effect.
            MqttProperties.MqttProperty<?> serverKeepAlive =
                    connAck.variableHeader().properties().getProperty(MqttProperties.MqttPropertyType.SERVER_KEEP_ALIVE.value());
            assertThat(serverKeepAlive).isNotNull();
            assertThat(serverKeepAlive.value()).isEqualTo(60);

            assertThat(client.subscribe("cloudcut/test/v5", 1).payload().reasonCodes()).containsExactly(1);
            Mqtt5Probe.Publish own = client.publishAndReceiveOwn("cloudcut/test/v5", "hello over MQTT 5", 2);
            assertThat(own.topic()).isEqualTo("cloudcut/test/v5");
            assertThat(own.payload()).isEqualTo("hello over MQTT 5");
        }
    }

    @Test
    void restartKeepsThePortDropsConnectedClientsAndAcceptsNewOnes() throws Exception {
        try (EmbeddedBroker broker = (EmbeddedBroker) Brokers.start(new BrokerSettings(null, 0, PROJECT_CONFIG_DIR))) {
            BrokerEndpoint before = broker.endpoint();
            MqttClient connected = Mqtt311Probe.connect(vertx, before);
            AtomicBoolean dropped = new AtomicBoolean();
            connected.closeHandler(nothing -> dropped.set(true));

            broker.restart();

            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.endpoint()).isEqualTo(before);
            await().atMost(Duration.ofSeconds(10)).untilTrue(dropped);
            assertThat(Mqtt311Probe.roundTrip(vertx, broker.endpoint())).startsWith("hello from probe-");
        }
    }

    /** What the cloud's ingest relies on: its subscription is the broker's to keep while it reconnects. */
    @Test
    void withFilePersistenceAPersistentSessionKeepsItsSubscriptionAndQueuedMessagesAcrossARestart(@TempDir Path configDir)
            throws Exception {
        Files.writeString(configDir.resolve("embedded.yaml"), "persistence: file\n");
        try (EmbeddedBroker broker = (EmbeddedBroker) Brokers.start(new BrokerSettings(null, 0, configDir))) {
            MqttClientOptions persistent = new MqttClientOptions().setClientId("ingest-like").setCleanSession(false);
            MqttClient subscriber = MqttClient.create(vertx, persistent);
            Mqtt311Probe.await(subscriber.connect(broker.endpoint().port(), broker.endpoint().host()));
            // Its future says the SUBSCRIBE was sent; the broker has taken it only once the SUBACK is back. A
            // restart between the two lost the subscription, and with it the queued message, on a loaded machine.
            Promise<Void> subscribed = Promise.promise();
            subscriber.subscribeCompletionHandler(suback -> subscribed.tryComplete());
            subscriber.subscribe("cloudcut/kept/#", 1);
            Mqtt311Probe.await(subscribed.future());

            broker.restart();

            MqttClient publisher = Mqtt311Probe.connect(vertx, broker.endpoint());
            Mqtt311Probe.await(publisher.publish("cloudcut/kept/1", Buffer.buffer("after the restart"),
                    MqttQoS.AT_LEAST_ONCE, false, false));
            Mqtt311Probe.await(publisher.disconnect());
            List<String> received = new CopyOnWriteArrayList<>();
            MqttClient back = MqttClient.create(vertx, persistent);
            back.publishHandler(message -> received.add(message.payload().toString()));
            io.vertx.mqtt.messages.MqttConnAckMessage connAck = Mqtt311Probe.await(back.connect(broker.endpoint().port(), broker.endpoint().host()));

            assertThat(connAck.isSessionPresent()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            assertThat(received).containsExactly("after the restart");
            Mqtt311Probe.await(back.disconnect());
        }
    }

    @Test
    void stopClosesThePortAndStartOpensItAgain_throughItsLifecycle() throws Exception {
        try (Broker broker = Brokers.start(new BrokerSettings(null, portNoOtherForkIsGiven(), null))) {
            assertThat(broker.sharedSubscriptionLoss()).hasValueSatisfying(why -> assertThat(why).contains("embedded broker"));
            Broker.Lifecycle lifecycle = broker.lifecycle().orElseThrow();
            lifecycle.stop();
            assertThat(((EmbeddedBroker) broker).isRunning()).isFalse();
            assertThatThrownBy(() -> LoopbackPorts.connect(broker.endpoint().host(), broker.endpoint().port(), 1000))
                    .isInstanceOf(java.net.ConnectException.class);

            lifecycle.start();
            assertThat(Mqtt311Probe.roundTrip(vertx, broker.endpoint())).startsWith("hello from probe-");
        }
    }

    @Test
    void aPortItChoseThatAnotherProcessTookFirstIsExchangedForAnother() throws Exception {
        try (ServerSocket takenMeanwhile = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<Integer> offered = new ArrayList<>();
            EmbeddedBroker.PortChooser racedOnce = config -> {
                int port;
                try {
                    port = offered.isEmpty() ? takenMeanwhile.getLocalPort() : LoopbackPorts.freePort(config.bindInetAddress());
                } catch (IOException e) {
                    throw new BrokerException("no free port", e);
                }
                offered.add(port);
                return port;
            };

            try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedConfig.defaults(), null, null, racedOnce)) {
                assertThat(offered).as("ports offered").hasSizeGreaterThanOrEqualTo(2).first()
                        .isEqualTo(takenMeanwhile.getLocalPort());
                assertThat(broker.endpoint().port()).as("bound to the last one offered, %s", offered)
                        .isEqualTo(offered.get(offered.size() - 1)).isNotEqualTo(takenMeanwhile.getLocalPort());
                assertThat(broker.isRunning()).isTrue();
            }
        }
    }

    @Test
    void aPortInUseIsReportedWithThePort() throws Exception {
        try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = occupied.getLocalPort();
            assertThatThrownBy(() -> Brokers.start(new BrokerSettings(null, port, PROJECT_CONFIG_DIR)))
                    .isInstanceOf(BrokerException.class)
                    .hasMessageContaining("cannot start embedded HiveMQ CE")
                    .hasMessageContaining("port " + port + " on 127.0.0.1 is already in use");
        }
    }

    /**
     * A free port below the ephemeral range, which the system never gives a bind to port 0: once this broker stops,
     * the other forks' brokers and proxies, which bind port 0, cannot take its port. One did in a CI run, and the
     * stopped broker's port answered a connect.
     */
    private static int portNoOtherForkIsGiven() throws IOException {
        // Read by lines: Files.readString read one byte of this file, whose size /proc gives as 0.
        String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0);
        int ephemeralFrom = Integer.parseInt(range.trim().split("\\s+")[0]);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int tried = 0; tried < 100; tried++) {
            int port = ephemeralFrom - 1 - java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000);
            if (LoopbackPorts.isFree(loopback, port)) {
                return port;
            }
        }
        throw new IOException("no free port below " + ephemeralFrom);
    }
}
