package io.cloudcut.trust;

import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.broker.BrokerSettings;
import io.cloudcut.broker.BrokerTls;
import io.cloudcut.broker.Brokers;
import io.cloudcut.fault.FaultProxy;
import io.cloudcut.fault.Link;
import io.cloudcut.fault.LinkFaults;
import io.cloudcut.fault.ProxyTls;
import io.cloudcut.mqtt.ConnectAttempt;
import io.cloudcut.mqtt.ConnectionListener;
import io.cloudcut.mqtt.ConnectionSettings;
import io.cloudcut.mqtt.DeviceConnection;
import io.cloudcut.mqtt.MqttStacks;
import io.cloudcut.scenario.Jitter;
import io.cloudcut.scenario.MqttSessionPolicy;
import io.cloudcut.scenario.ReconnectPolicy;
import io.cloudcut.scenario.ScenarioClock;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every client stack over TLS on real TCP, against the embedded broker with a TLS listener that
 * requires client certificates: through the proxy (which ends the device's TLS and opens its own to
 * the broker) with and without a device certificate, and straight to the broker; a certificate
 * signed by another CA and an expired one are refused, and the device is told why.
 */
@Execution(ExecutionMode.CONCURRENT)
class TlsConnectionsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ReconnectPolicy QUICK_RETRIES =
            new ReconnectPolicy(Duration.ofMillis(200), 2.0, Duration.ofSeconds(1), Jitter.NONE, 0);

    private static RunCertificates certificates;
    private static RunCertificates otherCa;
    private static Broker broker;
    private static FaultProxy tlsProxy;
    private static FaultProxy mtlsProxy;
    private static Vertx vertx;
    private static MqttClient cloud;
    private static ScenarioClock clock;

    private final List<Device> devices = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        certificates = RunCertificates.generate();
        otherCa = RunCertificates.generate();
        broker = Brokers.start(BrokerSettings.embedded(null), null,
                new BrokerTls(certificates.brokerKeyStore(), certificates.caTrustStore()));
        BrokerEndpoint tls = broker.tlsEndpoint().orElseThrow();
        tlsProxy = FaultProxy.create(tls.host(), tls.port(),
                new ProxyTls(certificates.proxyServer(false), certificates.proxyClient()));
        mtlsProxy = FaultProxy.create(tls.host(), tls.port(),
                new ProxyTls(certificates.proxyServer(true), certificates.proxyClient()));
        vertx = Vertx.vertx();
        cloud = MqttClient.create(vertx);
        join(cloud.connect(broker.endpoint().port(), broker.endpoint().host()));
        clock = ScenarioClock.running(1);
    }

    @AfterAll
    static void stop() throws Exception {
        join(vertx.close());
        tlsProxy.close();
        mtlsProxy.close();
        broker.close();
        Path folder = certificates.folder();
        certificates.close();
        otherCa.close();
        clock.close();
        assertThat(Files.exists(folder)).as("the run's certificates are deleted").isFalse();
    }

    @AfterEach
    void closeDevices() throws Exception {
        for (Device device : devices) {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            device.context.runOnContext(nothing -> device.connection.close().onComplete(done -> closed.complete(null)));
            closed.get(20, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vertx", "paho-v3", "paho-v5", "hivemq-v3", "hivemq-v5"})
    void tlsAndMutualTls_throughTheProxy_andStraightToTheBroker_connectAndHearCommands(String stack) throws Exception {
        Device tls = open(stack, "tls-" + stack, tlsProxy.openLink("tls-" + stack),
                certificates.device("tls-" + stack, false));
        Device mtls = open(stack, "mtls-" + stack, mtlsProxy.openLink("mtls-" + stack),
                certificates.device("mtls-" + stack, true));
        BrokerEndpoint direct = broker.tlsEndpoint().orElseThrow();
        Device straight = open(stack, "direct-" + stack, direct.host(), direct.port(),
                certificates.device("direct-" + stack, true));

        for (Device device : List.of(tls, mtls, straight)) {
            await().atMost(PATIENCE).until(() -> device.listener.connects.get() == 1);
            join(cloud.publish(commands(device.id), Buffer.buffer("secret"), MqttQoS.AT_LEAST_ONCE, false, false));
            await().atMost(PATIENCE).until(() -> device.listener.messages.contains("secret"));
            assertThat(device.listener.failures).as("%s failed attempts", device.id).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vertx", "paho-v3", "paho-v5", "hivemq-v3", "hivemq-v5"})
    void certificatesOfAnotherCa_orExpired_areRefused_andTheDeviceIsToldWhy(String stack) throws Exception {
        String foreignId = "foreign-" + stack;
        ClientTls foreignTls = new ClientTls(otherCa.device(foreignId, true).keys(), certificates.device(foreignId, false).trust());
        Device foreign = open(stack, foreignId, mtlsProxy.openLink(foreignId), foreignTls);
        String expiredId = "expired-" + stack;
        ClientTls expiredTls = certificates.device(expiredId, true);
        certificates.expire(expiredId);
        Device expired = open(stack, expiredId, mtlsProxy.openLink(expiredId), expiredTls);

        await().atMost(PATIENCE).until(() -> foreign.listener.failures.size() >= 2 && expired.listener.failures.size() >= 2);
        assertThat(foreign.listener.connects).hasValue(0);
        assertThat(expired.listener.connects).hasValue(0);
        assertThat(expired.listener.failures).first().isEqualTo("TLS refused: certificate expired");
        // Every stack says it was TLS, though not always why: Paho may see only the close (see README).
        System.out.printf("%s refused with another CA's certificate: %s%n", stack, foreign.listener.failures.peek());
        assertThat(foreign.listener.failures).first().asString().startsWith("TLS ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vertx", "hivemq-v5"})
    void afterABlackhole_theDeviceComesBackOverMutualTls(String stack) throws Exception {
        String id = "blackholed-" + stack;
        Link link = mtlsProxy.openLink(id);
        Device device = open(stack, id, link, certificates.device(id, true));
        await().atMost(PATIENCE).until(() -> device.listener.connects.get() == 1);

        link.apply(LinkFaults.named("blackhole"));
        await().atMost(PATIENCE).until(() -> device.listener.losses.size() == 1);
        link.restore();

        await().atMost(PATIENCE).until(() -> device.listener.connects.get() == 2);
        join(cloud.publish(commands(id), Buffer.buffer("back"), MqttQoS.AT_LEAST_ONCE, false, false));
        await().atMost(PATIENCE).until(() -> device.listener.messages.contains("back"));
    }

    /** The proxy's shared port reads the CONNECT after the TLS handshake, so TLS devices share it too. */
    @ParameterizedTest
    @ValueSource(strings = {"vertx", "hivemq-v5"})
    void overMutualTls_devicesOnTheSharedPort_reachTheirOwnLinks(String stack) throws Exception {
        List<Device> sharing = new ArrayList<>();
        for (String id : List.of("shared-1-" + stack, "shared-2-" + stack)) {
            sharing.add(open(stack, id, mtlsProxy.openLinkOnSharedPort(id), certificates.device(id, true)));
        }

        for (Device device : sharing) {
            await().atMost(PATIENCE).until(() -> device.listener.connects.get() == 1);
            join(cloud.publish(commands(device.id), Buffer.buffer("shared"), MqttQoS.AT_LEAST_ONCE, false, false));
            await().atMost(PATIENCE).until(() -> device.listener.messages.contains("shared"));
            assertThat(mtlsProxy.link(device.id).stats().accepted()).isEqualTo(1);
        }
    }

    private Device open(String stack, String id, Link link, ClientTls tls) throws Exception {
        return open(stack, id, link.host(), link.port(), tls);
    }

    private Device open(String stack, String id, String host, int port, ClientTls tls) throws Exception {
        ConnectionSettings settings = new ConnectionSettings(id, host, port, Duration.ofSeconds(2), Duration.ofSeconds(5),
                new MqttSessionPolicy(true, Duration.ZERO), List.of(commands(id)), QUICK_RETRIES, clock).withTls(tls);
        Context context = vertx.getOrCreateContext();
        RecordingListener listener = new RecordingListener();
        CompletableFuture<DeviceConnection> created = new CompletableFuture<>();
        context.runOnContext(nothing -> {
            DeviceConnection connection = MqttStacks.create(stack, vertx, settings, listener);
            connection.open();
            created.complete(connection);
        });
        Device device = new Device(id, context, listener, created.get(20, TimeUnit.SECONDS));
        devices.add(device);
        return device;
    }

    private static String commands(String id) {
        return "cloudcut/" + id + "/commands";
    }

    private static <T> T join(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private record Device(String id, Context context, RecordingListener listener, DeviceConnection connection) {
    }

    private static final class RecordingListener implements ConnectionListener {
        final AtomicInteger connects = new AtomicInteger();
        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        final Queue<String> losses = new ConcurrentLinkedQueue<>();
        final Queue<String> messages = new ConcurrentLinkedQueue<>();

        @Override
        public void connected(ConnectAttempt attempt) {
            connects.incrementAndGet();
        }

        @Override
        public void connectionLost(String cause) {
            losses.add(cause);
        }

        @Override
        public void attemptFailed(String cause) {
            failures.add(cause);
        }

        @Override
        public void gaveUp(int attempts) {
        }

        @Override
        public void message(String topic, Buffer payload) {
            messages.add(payload.toString());
        }
    }
}
