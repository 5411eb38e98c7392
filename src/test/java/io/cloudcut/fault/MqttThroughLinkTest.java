package io.cloudcut.fault;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.cloudcut.fault.VertxFutures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What a real MQTT client sees of each fault, through a link in front of a real Mosquitto. */
class MqttThroughLinkTest extends LinkToMosquitto {

    private static final int KEEPALIVE_SECONDS = 2;
    private static final String TOPIC = "cloudcut/test";

    private static Vertx vertx;

    private final List<MqttClient> clients = new ArrayList<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        join(vertx.close());
    }

    @AfterEach
    void disconnectClients() {
        clients.stream().filter(MqttClient::isConnected).forEach(MqttClient::disconnect);
    }

    @Test
    void healthyLink_deliversQos1PublishAndItsAck() throws Exception {
        Device device = connectDevice();
        Queue<MqttPublishMessage> received = new ConcurrentLinkedQueue<>();
        device.client.publishHandler(received::add);
        join(device.client.subscribe(TOPIC, 1));

        int packetId = join(device.client.publish(TOPIC, Buffer.buffer("hello"), MqttQoS.AT_LEAST_ONCE, false, false));

        await().atMost(Duration.ofSeconds(10)).until(() -> device.acked.contains(packetId));
        await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        assertThat(received.peek().payload().toString()).isEqualTo("hello");
        assertThat(link.openConnections()).isEqualTo(1);
        LinkStats stats = link.stats();
        assertThat(stats.accepted()).isEqualTo(1);
        assertThat(stats.bytesUp()).isPositive();
        assertThat(stats.bytesDown()).isPositive();
        assertThat(stats.bytesDropped()).isZero();
    }

    @Test
    void blackhole_clientNoticesOnlyThroughItsKeepalive() throws Exception {
        Device device = connectDevice();

        long appliedAt = System.nanoTime();
        link.apply(LinkFaults.named("blackhole"));
        int packetId = join(device.client.publish(TOPIC, Buffer.buffer("lost"), MqttQoS.AT_LEAST_ONCE, false, false));

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(15))
                .until(() -> device.client.isConnected() && !device.closed.isDone());
        await().atMost(Duration.ofSeconds(20)).until(device.closed::isDone);
        Duration noticedAfter = Duration.ofNanos(device.closed.get() - appliedAt);
        System.out.println("blackhole noticed by the client after " + noticedAfter.toMillis() + " ms");

        assertThat(noticedAfter).isGreaterThanOrEqualTo(Duration.ofSeconds(KEEPALIVE_SECONDS));
        assertThat(device.acked).doesNotContain(packetId);
        assertThat(link.stats().bytesDropped()).isPositive();
    }

    @Test
    void reset_closesClientAtOnce_andRefusesNewSessionsUntilRestored() throws Exception {
        Device device = connectDevice();

        long appliedAt = System.nanoTime();
        link.apply(LinkFaults.named("reset"));

        await().atMost(Duration.ofSeconds(KEEPALIVE_SECONDS)).until(device.closed::isDone);
        System.out.println("reset noticed by the client after "
                + Duration.ofNanos(device.closed.get() - appliedAt).toMillis() + " ms");
        assertThat(link.stats().reset()).isEqualTo(1);
        assertThatThrownBy(() -> join(newClient().connect(link.port(), link.host())))
                .as("connect while the link resets")
                .isInstanceOf(ExecutionException.class);

        link.restore();

        Device reconnected = connectDevice();
        assertThat(reconnected.client.isConnected()).isTrue();
        assertThat(link.stats().reset()).isEqualTo(2);
    }

    @Test
    void refuse_closesClientAndListener_andRestoreListensOnSamePort() throws Exception {
        Device device = connectDevice();
        int port = link.port();

        link.apply(LinkFaults.named("refuse"));

        await().atMost(Duration.ofSeconds(KEEPALIVE_SECONDS)).until(device.closed::isDone);
        assertThatThrownBy(() -> plainConnect(port)).isInstanceOf(ConnectException.class);
        assertThat(link.openConnections()).isZero();
        assertThat(link.stats().reset()).isZero();

        link.restore();

        assertThat(link.port()).isEqualTo(port);
        MqttClient client = newClient();
        join(client.connect(port, "127.0.0.1"));
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void lossCertain_upstream_noPublishArrives_andTheLinkWorksAgainAfterRestore() throws Exception {
        List<String> arrived = subscribeDirectly();
        Device device = connectDevice();
        link.apply(LinkFaults.create("loss", Map.of("probability", 1.0), Direction.UPSTREAM));

        publishNumbered(device, 20);
        // The client's write completes before the proxy has read the bytes: restore only once all 20 are dropped.
        long publishBytes = 0;
        for (int i = 0; i < 20; i++) {
            publishBytes += 2 + 2 + TOPIC.length() + String.valueOf(i).length();
        }
        long allDropped = publishBytes;
        await().atMost(Duration.ofSeconds(10)).until(() -> link.stats().bytesDropped() >= allDropped);
        link.restore();
        join(device.client.publish(TOPIC, Buffer.buffer("end"), MqttQoS.AT_MOST_ONCE, false, false));

        // Packets keep their order: once "end" is in, every earlier publish that was let through is too.
        await().atMost(Duration.ofSeconds(10)).until(() -> arrived.contains("end"));
        assertThat(arrived).containsExactly("end");
        assertThat(link.stats().bytesDropped()).isPositive();
        assertThat(device.client.isConnected()).isTrue();
    }

    @Test
    void lossHalf_seeded_dropsSomeButNotAllPublishes() throws Exception {
        List<String> arrived = subscribeDirectly();
        Device device = connectDevice();
        link.apply(LinkFaults.create("loss", Map.of("probability", 0.5, "seed", 42), Direction.UPSTREAM));
        long before = link.stats().bytesUp() + link.stats().bytesDropped();

        publishNumbered(device, 40);
        // A QoS 0 publish completes once written to the socket; the fault must stay until the link has
        // taken every one of them, or a busy machine lets some through after the restore.
        long published = IntStream.range(0, 40).map(i -> 4 + TOPIC.length() + String.valueOf(i).length()).sum();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> link.stats().bytesUp() + link.stats().bytesDropped() - before >= published);
        link.restore();
        join(device.client.publish(TOPIC, Buffer.buffer("end"), MqttQoS.AT_MOST_ONCE, false, false));

        await().atMost(Duration.ofSeconds(10)).until(() -> arrived.contains("end"));
        List<String> numbered = arrived.subList(0, arrived.size() - 1);
        System.out.println("loss 0.5: " + numbered.size() + " of 40 publishes arrived: " + numbered);
        assertThat(numbered).hasSizeBetween(1, 39).isSubsetOf(IntStream.range(0, 40).mapToObj(String::valueOf).toList());
        assertThat(numbered).as("in the order sent").isSortedAccordingTo(Comparator.comparingInt(Integer::parseInt));
    }

    private void publishNumbered(Device device, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            join(device.client.publish(TOPIC, Buffer.buffer(String.valueOf(i)), MqttQoS.AT_MOST_ONCE, false, false));
        }
    }

    /** The payloads published on the test topic, as seen by a client connected to the broker without the link. */
    private List<String> subscribeDirectly() throws Exception {
        List<String> arrived = new CopyOnWriteArrayList<>();
        MqttClient subscriber = newClient();
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        subscriber.publishHandler(message -> arrived.add(message.payload().toString()));
        subscriber.subscribeCompletionHandler(suback -> subscribed.complete(null));
        join(subscriber.connect(mosquitto.port(), "127.0.0.1"));
        join(subscriber.subscribe(TOPIC, 0));
        subscribed.get(20, TimeUnit.SECONDS);
        return arrived;
    }

    private static void plainConnect(int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        }
    }

    private Device connectDevice() throws Exception {
        Device device = new Device(newClient());
        join(device.client.connect(link.port(), link.host()));
        return device;
    }

    private MqttClient newClient() {
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions()
                .setKeepAliveInterval(KEEPALIVE_SECONDS)
                .setAutoKeepAlive(true));
        clients.add(client);
        return client;
    }

    /** A connected client and what happened to it. */
    private static final class Device {
        final MqttClient client;
        final Set<Integer> acked = ConcurrentHashMap.newKeySet();
        /** Completes with {@link System#nanoTime()} when the client's connection closes. */
        final CompletableFuture<Long> closed = new CompletableFuture<>();

        Device(MqttClient client) {
            this.client = client;
            client.publishCompletionHandler(acked::add);
            client.closeHandler(nothing -> closed.complete(System.nanoTime()));
        }
    }
}
