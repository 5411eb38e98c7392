package io.cloudcut.mqtt;

import io.cloudcut.fault.Direction;
import io.cloudcut.fault.FaultProxy;
import io.cloudcut.fault.Link;
import io.cloudcut.fault.LinkControl;
import io.cloudcut.fault.LinkFault;
import io.cloudcut.fault.LinkFaults;
import io.cloudcut.fault.ProxiedConnection;
import io.cloudcut.scenario.Jitter;
import io.cloudcut.scenario.MqttSessionPolicy;
import io.cloudcut.scenario.ReconnectPolicy;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.testing.Mosquitto;
import io.cloudcut.testing.MosquittoClients;
import io.cloudcut.testing.RunsAlone;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every MQTT client stack against a real Mosquitto through a fault link: what the firmware sees of a
 * healthy connection, a reset, a blackhole, a refused link, giving up, and a reconnect wait across a
 * change of the clock's scale. Reconnect times after restore are printed. The tests run side by side,
 * each device with its own link, client id and commands topic: they spend their time waiting on
 * backoffs and on things that must not happen.
 */
@Execution(ExecutionMode.CONCURRENT)
class DeviceConnectionStacksTest {

    private static final String COMMANDS = "cloudcut/dev/commands/";
    /** Tests run side by side: each device has its own client id and commands topic. */
    private static final AtomicInteger DEVICES = new AtomicInteger();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    // A keepalive well beyond the ack timeout, so that a loss noticed within the ack timeout was
    // noticed by the missing PUBACK, not by an unanswered ping.
    private static final Duration KEEPALIVE = Duration.ofSeconds(10);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(1);
    /** Ten minutes of scenario time before the first retry: one real second at 600x. */
    private static final ReconnectPolicy LONG_BACKOFF =
            new ReconnectPolicy(Duration.ofMinutes(10), 2.0, Duration.ofMinutes(10), Jitter.NONE, 0);

    private static Mosquitto mosquitto;
    private static Vertx vertx;
    private static MqttClient cloud;

    private FaultProxy proxy;
    private ScenarioClock clock;
    private Device device;

    @BeforeAll
    static void startBroker() throws Exception {
        mosquitto = Mosquitto.start();
        vertx = Vertx.vertx();
        cloud = MqttClient.create(vertx);
        join(cloud.connect(mosquitto.port(), "127.0.0.1"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        join(vertx.close());
        mosquitto.close();
    }

    @AfterEach
    void closeDevice() throws Exception {
        if (device != null) {
            join(device.onContext(() -> device.connection.close()));
        }
        proxy.close();
        clock.close();
    }

    @ParameterizedTest
    @MethodSource("io.cloudcut.testing.ClientStacks#wireNames")
    void connectsSubscribes_deliversOnItsContext_andCompletesQos1Publish(String stack) throws Exception {
        device = openConnected(stack, 0);

        sendCommand(device, "hello");
        await().atMost(PATIENCE).until(() -> device.listener.messages.contains("hello"));
        assertThat(device.listener.offContextCalls).as("callbacks off the device's context").hasValue(0);

        AtomicReference<Context> completedOn = new AtomicReference<>();
        join(device.onContext(() -> device.connection.publish("cloudcut/dev/events", Buffer.buffer("event"))
                .onSuccess(acked -> completedOn.set(Vertx.currentContext()))));
        // The publish's own callbacks run on the device's context, perhaps a moment after join() returned.
        await().atMost(PATIENCE).until(() -> completedOn.get() != null);
        assertThat(completedOn.get()).as("publish completed on the device's context").isSameAs(device.context);
        assertThat(device.connection.stats()).isEqualTo(new ConnectionStats(1, 0, 0, false));
    }

    /** Paho's loops run on the JVM's Paho threads, and its keepalive on their shared scheduler: no Timer thread of its own. */
    @ParameterizedTest
    @ValueSource(strings = {"paho-v3", "paho-v5"})
    void paho_runsOnTheJvmsPahoThreads_itsKeepaliveOnTheirScheduler(String stack) throws Exception {
        long loopsWatched = PahoThreads.SHARED.connects().loopsStartedByConnects();
        device = openConnected(stack, 0);
        String clientId = device.commands().substring(COMMANDS.length());

        Set<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());

        assertThat(threads).contains("MQTT Rec: " + clientId).doesNotContain("MQTT Ping: " + clientId);
        assertThat(PahoThreads.SHARED.loopThreads()).as("its receiver, sender and callbacks at least").isGreaterThanOrEqualTo(3);
        // Whether its connect sleeps at all depends on the machine (on a busy one the loops may run before it looks):
        // each loop it started has a wake that would end that sleep (PahoConnectsTest).
        assertThat(PahoThreads.SHARED.connects().loopsStartedByConnects()).as("its connect's receiver, sender and callbacks, watched")
                .isGreaterThanOrEqualTo(loopsWatched + 3);
    }

    @ParameterizedTest
    @MethodSource("io.cloudcut.testing.ClientStacks#wireNames")
    void reset_reportsLoss_andReconnectsResubscribedAfterRestore(String stack) throws Exception {
        device = openConnected(stack, 0);

        device.link.apply(LinkFaults.named("reset"));
        await().atMost(PATIENCE).until(() -> !device.listener.losses.isEmpty());
        assertThat(device.listener.losses).hasSize(1);
        assertThat(device.connection.isConnected()).isFalse();

        long restoredAt = System.nanoTime();
        device.link.restore();
        await().atMost(PATIENCE).until(() -> device.listener.connects.get() == 2);
        System.out.printf("%s: reconnected %d ms after restore (reset)%n", stack,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoredAt));

        sendCommand(device, "after-reconnect");
        await().atMost(PATIENCE).until(() -> device.listener.messages.contains("after-reconnect"));
        assertThat(device.listener.offContextCalls).hasValue(0);
        assertThat(device.connection.stats().losses()).isEqualTo(1);
        ConnectAttempt reconnect = device.listener.attempts.stream().skip(1).findFirst().orElseThrow();
        Duration connectedAt = device.listener.connectedAt.stream().skip(1).findFirst().orElseThrow();
        assertThat(reconnect.startedAtMillis()).as("the attempt began before it connected, after the loss")
                .isLessThanOrEqualTo(connectedAt.toMillis())
                .isGreaterThanOrEqualTo(device.listener.lostAt.peek().toMillis());
        assertThat(reconnect.realMillis()).as("the exchange's real length: CONNECT to SUBACK on loopback")
                .isGreaterThanOrEqualTo(0).isLessThan(PATIENCE.toMillis());
    }

    /**
     * The outage scenario's case: firmware that keeps publishing never pings, so only the missing
     * PUBACK tells it the link went silent; its reconnect attempts then go into the blackhole too and
     * must not keep it from coming back once the link is restored.
     */
    @ParameterizedTest
    @MethodSource("io.cloudcut.testing.ClientStacks#wireNames")
    void blackhole_failsPublishOnAckTimeout_andReconnectsByItselfAfterRestore(String stack) throws Exception {
        device = openConnected(stack, 0);

        device.link.apply(LinkFaults.named("blackhole"));
        CompletableFuture<Void> published = device.onContext(() -> device.connection.publish("cloudcut/dev/events",
                Buffer.buffer("into the blackhole"))).toCompletionStage().toCompletableFuture();
        await().atMost(ACK_TIMEOUT.plusMillis(1500))
                .until(() -> published.isCompletedExceptionally() && !device.listener.losses.isEmpty());
        assertThat(device.listener.losses).singleElement().asString().contains("no PUBACK");
        await().atMost(PATIENCE).until(() -> device.connection.stats().failedAttempts() >= 1);

        long restoredAt = System.nanoTime();
        device.link.restore();
        await().atMost(PATIENCE).until(() -> device.listener.connects.get() == 2);
        System.out.printf("%s: reconnected %d ms after restore (blackhole), %s%n", stack,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoredAt), device.connection.stats());
        join(device.onContext(() -> device.connection.publish("cloudcut/dev/events", Buffer.buffer("after restore"))));
        assertThat(device.listener.offContextCalls).hasValue(0);
    }

    /**
     * No library sends a SUBSCRIBE twice on one connection: a device whose SUBACK is lost gives up on that connection
     * after the ack time-out, as on a missing CONNACK, counts the attempt as failed, and connects and subscribes again.
     * Paho and HiveMQ used to wait for it for ever, connected and deaf, and came back from no fault.
     */
    @ParameterizedTest
    @MethodSource("io.cloudcut.testing.ClientStacks#wireNames")
    void aSubackLost_failsTheAttemptAfterTheAckTimeout_andTheNextOneSubscribes(String stack) throws Exception {
        device = openConnected(stack, 0);

        device.link.apply(new SubacksLost());
        await().atMost(PATIENCE).until(() -> device.listener.attemptFailures.contains("no SUBACK within " + ACK_TIMEOUT.toMillis() + " ms"));
        // Counted once the connection is dropped (Paho drops it on a worker).
        await().atMost(PATIENCE).until(() -> device.connection.stats().failedAttempts() >= 1);
        assertThat(device.listener.connects).as("never counted connected without its SUBACK").hasValue(1);

        device.link.restore();
        await().atMost(PATIENCE).until(() -> device.listener.connects.get() == 2);
        sendCommand(device, "subscribed again");
        await().atMost(PATIENCE).until(() -> device.listener.messages.contains("subscribed again"));
        assertThat(device.listener.offContextCalls).hasValue(0);
    }

    /** Resets the device's connection, then drops every SUBACK: each CONNECT after it is answered, no SUBSCRIBE is. */
    private static final class SubacksLost implements LinkFault {

        @Override
        public String name() {
            return "subacks-lost";
        }

        @Override
        public void onApply(LinkControl link) {
            link.connections().forEach(ProxiedConnection::reset);
        }

        @Override
        public boolean readsPackets() {
            return true;
        }

        @Override
        public Verdict onPacket(Direction direction, MqttMessage packet) {
            return packet.fixedHeader().messageType() == MqttMessageType.SUBACK ? Verdict.DROP : Verdict.FORWARD;
        }
    }

    /** A broker's DISCONNECT (MQTT 5) is a loss whose cause names its reason code, on each stack that speaks MQTT 5. */
    @ParameterizedTest
    @ValueSource(strings = {"paho-v5", "hivemq-v5"})
    void aDisconnectFromTheBroker_isALossNamingItsReason(String stack) throws Exception {
        device = openConnected(stack, 0);

        device.link.apply(LinkFaults.create("disconnect", Map.of("reason", "session-taken-over"), null));
        await().atMost(PATIENCE).until(() -> !device.listener.losses.isEmpty());
        assertThat(device.listener.losses.peek()).isEqualTo("DISCONNECT from the broker: session taken over (0x8E)");
    }

    /**
     * Paho 1.2.5's connect waits for each loop it starts to say it runs; a loop whose connection the reset ended first
     * never does, and the connect's thread would wait for ever (eclipse-paho/paho.mqtt.java#953). Those connects are
     * counted for their device and ended, most as soon as the loop ends, none of them left waiting, the stop they are ended with caught (an uncaught
     * one fails Awaitility's waits), and the device itself carries on once the link is restored.
     */
    @ParameterizedTest
    @ValueSource(strings = {"paho-v3", "paho-v5"})
    void paho_connectsAResetCutShort_waitForEver_areCountedForTheirDeviceAndEnded(String stack) throws Exception {
        device = openConnected(stack, quickRetries(0), 30);
        String clientId = device.commands().substring(COMMANDS.length());
        StuckConnects before = MqttStacks.stuckConnects();
        long endedAtOnce = PahoThreads.SHARED.connects().endedAsTheirLoopEnded();

        device.link.apply(LinkFaults.named("reset"));
        await().atMost(Duration.ofSeconds(120)).until(() -> device.connection.stats().failedAttempts() >= 10);
        device.link.restore();
        await().atMost(PATIENCE).until(() -> device.listener.connects.get() == 2);

        long stuck = MqttStacks.stuckConnectsOnceSettled().since(before).byDevice().getOrDefault(clientId, 0L);
        System.out.printf("%s: %d connects waited for ever after %d failed attempts%n", stack, stuck,
                device.connection.stats().failedAttempts());
        // 16 and 19 of 20 attempts measured (Paho v3 and v5): not all, as a loop that says it runs in time frees its connect.
        assertThat(stuck).as("connects into resets that waited for ever").isPositive();
        assertThat(PahoThreads.SHARED.connects().endedAsTheirLoopEnded()).as("ended as the loop they waited for ended")
                .isGreaterThan(endedAtOnce);
        assertThat(connectThreadsWaitingForALoop(clientId)).as("connect threads of %s still waiting", clientId).isEmpty();
        assertThat(device.connection.isConnected()).isTrue();
    }

    private static List<String> connectThreadsWaitingForALoop(String clientId) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().equals("MQTT Con: " + clientId))
                .filter(thread -> Arrays.stream(thread.getValue()).anyMatch(frame -> frame.getClassName().startsWith("org.eclipse.paho.")
                        && frame.getClassName().contains(".Comms") && frame.getMethodName().equals("start")))
                .map(thread -> thread.getKey().getName())
                .toList();
    }

    @ParameterizedTest
    @MethodSource("io.cloudcut.testing.ClientStacks#wireNames")
    void refuse_keepsItDisconnectedUntilRestore(String stack) throws Exception {
        device = openConnected(stack, 0);

        device.link.apply(LinkFaults.named("refuse"));
        await().atMost(PATIENCE).until(() -> device.connection.stats().failedAttempts() >= 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(15))
                .until(() -> !device.connection.isConnected() && device.listener.connects.get() == 1);

        long restoredAt = System.nanoTime();
        device.link.restore();
        await().atMost(PATIENCE).until(() -> device.listener.connects.get() == 2);
        System.out.printf("%s: reconnected %d ms after restore (refuse), %s%n", stack,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoredAt), device.connection.stats());
        assertThat(device.listener.gaveUp).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("io.cloudcut.testing.ClientStacks#wireNames")
    void refusedLink_givesUpAfterTwoFailedAttempts(String stack) throws Exception {
        device = openConnected(stack, 2);

        device.link.apply(LinkFaults.named("refuse"));
        await().atMost(PATIENCE).until(() -> !device.listener.gaveUp.isEmpty());

        assertThat(device.listener.gaveUp).containsExactly(2);
        assertThat(device.connection.stats()).isEqualTo(new ConnectionStats(1, 2, 1, true));
        device.link.restore();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(15))
                .until(() -> device.listener.connects.get() == 1);
        assertThat(device.listener.offContextCalls).hasValue(0);
    }

    /**
     * Closing ends the connection with a DISCONNECT, at once: the broker publishes no Will, and the close
     * does not wait out the acknowledgement time-out (two minutes here). Paho's {@code disconnectForcibly}
     * waited its whole time-out for a DISCONNECT no broker answers: 1,000 Paho devices took 50 s to close.
     */
    @ParameterizedTest
    @MethodSource("io.cloudcut.testing.ClientStacks#wireNames")
    void closing_sendsADisconnect_withoutWaitingOutTheAckTimeout(String stack) throws Exception {
        String willTopic = "cloudcut/dev/will/" + stack + "-" + DEVICES.incrementAndGet();
        try (MosquittoClients.Subscription wills = MosquittoClients.subscribe(mosquitto.port(), willTopic)) {
            device = openConnected(stack, quickRetries(0), 1, Duration.ofMinutes(2), new Will(willTopic, "offline"));

            join(device.onContext(() -> device.connection.close()));

            await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> device.link.openConnections() == 0
                    && wills.received().isEmpty());
        }
        device = null;
    }

    /** Closing calls off the wait for the next attempt: nothing connects once the link is back. */
    @ParameterizedTest
    @MethodSource("io.cloudcut.testing.ClientStacks#wireNames")
    void closedWhileWaitingToReconnect_neverConnectsAgain(String stack) throws Exception {
        device = openConnected(stack, 0);

        device.link.apply(LinkFaults.named("refuse"));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> !device.listener.losses.isEmpty());
        join(device.onContext(() -> device.connection.close()));
        assertThat(device.connection.stats().failedAttempts()).as("closed while waiting to retry").isZero();
        long accepted = device.link.stats().accepted();
        device.link.restore();

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
                .until(() -> device.link.stats().accepted() == accepted && device.link.openConnections() == 0);
        assertThat(device.listener.connects).hasValue(1);
        device = null;
    }

    /**
     * A reconnect wait is firmware time, so it follows the scenario clock when the scale changes
     * during it, as the harness changes it at every transition. The link is refused at 600x and the
     * device backs off for several minutes of scenario time (about a real second); the scale then
     * drops to half (the wait must last longer in real time: a wait that kept the old pace would end
     * minutes of scenario time early, far outside the bounds) or rises (shorter), the link comes back,
     * and the next attempt reaches the link when the scenario clock says so. The attempt is timed where
     * it reaches the link, not at its CONNACK: a connect's real round trips are protocol time,
     * multiplied by the scale. Printed. Alone,
     * after the suite ({@link RunsAlone}): beside other forks, a Paho client's failed attempts took
     * seconds longer than its policy's. Its cases share that quiet fork with each other.
     */
    @RunsAlone
    @ParameterizedTest(name = "{0}, scale 600x then {1}x")
    @CsvSource({"vertx, 300", "vertx, 3000", "paho-v3, 300", "paho-v3, 3000", "paho-v5, 300", "paho-v5, 3000",
            "hivemq-v3, 300", "hivemq-v3, 3000", "hivemq-v5, 300", "hivemq-v5, 3000"})
    void reconnectWait_followsTheScenarioClock_whenItsScaleChangesDuringTheWait(String stack, double scale)
            throws Exception {
        LongWait expected = LongWait.of(stack);
        device = openConnected(stack, LONG_BACKOFF, 600);

        device.link.apply(LinkFaults.named("refuse"));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> !device.listener.losses.isEmpty()
                && device.connection.stats().failedAttempts() >= expected.failedAttemptsBefore());
        clock.setScale(scale);
        Duration lostAt = device.listener.lostAt.peek();
        Duration changedAfter = clock.now().minus(lostAt);
        assertThat(device.connection.stats().failedAttempts())
                .as("still in the long wait when the scale changed, %s after the loss", changedAfter)
                .isEqualTo(expected.failedAttemptsBefore());
        long accepted = device.link.stats().accepted();
        device.link.restore();

        await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> device.link.stats().accepted() > accepted);
        Duration attemptedAfter = clock.now().minus(lostAt);
        await().atMost(PATIENCE).until(() -> device.listener.connects.get() == 2);
        System.out.printf("%s: attempted %s after the loss, connected %s after it (600x, then %.0fx from %s);"
                        + " expected %s to %s%n", stack, attemptedAfter,
                device.listener.connectedAt.stream().skip(1).findFirst().orElseThrow().minus(lostAt), scale,
                changedAfter, expected.earliest(), expected.latest());
        // Before the deadline by no more than the hop that reports the loss; after it by the failed
        // attempts' real time at 600x (Paho's nine), and by up to 200 ms of real time at the new scale
        // for this test's polling and a busy machine's scheduling (10 min at 3000x; a wait that kept
        // the old pace would be off by far more).
        assertThat(attemptedAfter).isBetween(expected.earliest().minusSeconds(10),
                expected.latest().plusMinutes(4).plusMillis(Math.round(200 * scale)));
    }

    /** The wait each stack makes under {@link #LONG_BACKOFF} with its link refused: when it begins and how long after the loss it ends. */
    private record LongWait(int failedAttemptsBefore, Duration earliest, Duration latest) {

        static LongWait of(String stack) {
            Duration policy = LONG_BACKOFF.initialDelay();
            return switch (stack) {
                // The model's policy, without jitter.
                case "vertx" -> new LongWait(0, policy, policy);
                // HiveMQ's rule: the initial delay, with its own jitter of up to a quarter either way.
                case "hivemq-v3", "hivemq-v5" -> new LongWait(0, policy.multipliedBy(3).dividedBy(4),
                        policy.multipliedBy(5).dividedBy(4));
                // Paho's rule: 1 s after the loss, doubled after each failed attempt, so attempt n comes
                // 2^n - 1 s after the loss: the tenth 512 s after the ninth failed.
                case "paho-v3", "paho-v5" -> new LongWait(9, Duration.ofSeconds(1023), Duration.ofSeconds(1023));
                default -> throw new IllegalArgumentException(stack);
            };
        }
    }

    private Device openConnected(String stack, int giveUpAfter) throws Exception {
        return openConnected(stack, quickRetries(giveUpAfter), 1);
    }

    private static ReconnectPolicy quickRetries(int giveUpAfter) {
        return new ReconnectPolicy(Duration.ofMillis(200), 2.0, Duration.ofSeconds(2), Jitter.NONE, giveUpAfter);
    }

    private Device openConnected(String stack, ReconnectPolicy reconnect, double scale) throws Exception {
        return openConnected(stack, reconnect, scale, ACK_TIMEOUT, null);
    }

    /** A device on {@code stack} through a fresh fault link, once it has connected and subscribed; its will may be null. */
    private Device openConnected(String stack, ReconnectPolicy reconnect, double scale, Duration ackTimeout, Will will)
            throws Exception {
        proxy = FaultProxy.create("127.0.0.1", mosquitto.port());
        clock = ScenarioClock.running(scale);
        Link link = proxy.openLink(stack);
        String clientId = "device-" + stack + "-" + DEVICES.incrementAndGet();
        ConnectionSettings settings = new ConnectionSettings(clientId, link.host(), link.port(),
                KEEPALIVE, ackTimeout, new MqttSessionPolicy(true, Duration.ZERO), List.of(COMMANDS + clientId), reconnect,
                clock).withWill(will);
        Context context = vertx.getOrCreateContext();
        RecordingListener listener = new RecordingListener(context, clock);
        CompletableFuture<DeviceConnection> created = new CompletableFuture<>();
        context.runOnContext(nothing -> {
            DeviceConnection connection = MqttStacks.create(stack, vertx, settings, listener);
            connection.open();
            created.complete(connection);
        });
        Device opened = new Device(context, link, listener, created.get(20, TimeUnit.SECONDS), COMMANDS + clientId);
        await().atMost(PATIENCE).until(() -> listener.connects.get() == 1);
        return opened;
    }

    private static void sendCommand(Device device, String text) throws Exception {
        join(cloud.publish(device.commands(), Buffer.buffer(text), MqttQoS.AT_LEAST_ONCE, false, false));
    }

    private static <T> T join(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private record Device(Context context, Link link, RecordingListener listener, DeviceConnection connection,
                          String commands) {

        /** Runs a device action on the device's context, as the firmware would, and waits for its future. */
        <T> Future<T> onContext(Supplier<Future<T>> action) throws Exception {
            CompletableFuture<Future<T>> started = new CompletableFuture<>();
            context.runOnContext(nothing -> started.complete(action.get()));
            return started.get(20, TimeUnit.SECONDS);
        }
    }

    /** What the firmware would have been told, when on the scenario clock, and whether every call came on its context. */
    private static final class RecordingListener implements ConnectionListener {
        final Context context;
        final ScenarioClock clock;
        final AtomicInteger connects = new AtomicInteger();
        final Queue<Duration> connectedAt = new ConcurrentLinkedQueue<>();
        final Queue<ConnectAttempt> attempts = new ConcurrentLinkedQueue<>();
        final Queue<String> losses = new ConcurrentLinkedQueue<>();
        final Queue<String> attemptFailures = new ConcurrentLinkedQueue<>();
        final Queue<Duration> lostAt = new ConcurrentLinkedQueue<>();
        final Queue<Integer> gaveUp = new ConcurrentLinkedQueue<>();
        final Queue<String> messages = new ConcurrentLinkedQueue<>();
        final AtomicInteger offContextCalls = new AtomicInteger();

        RecordingListener(Context context, ScenarioClock clock) {
            this.context = context;
            this.clock = clock;
        }

        @Override
        public void connected(ConnectAttempt attempt) {
            checkContext();
            connectedAt.add(clock.now());
            attempts.add(attempt);
            connects.incrementAndGet();
        }

        @Override
        public void connectionLost(String cause) {
            checkContext();
            lostAt.add(clock.now());
            losses.add(cause);
        }

        @Override
        public void attemptFailed(String cause) {
            checkContext();
            attemptFailures.add(cause);
        }

        @Override
        public void gaveUp(int attempts) {
            checkContext();
            gaveUp.add(attempts);
        }

        @Override
        public void message(String topic, Buffer payload) {
            checkContext();
            messages.add(payload.toString());
        }

        private void checkContext() {
            if (Vertx.currentContext() != context) {
                offContextCalls.incrementAndGet();
            }
        }
    }
}
