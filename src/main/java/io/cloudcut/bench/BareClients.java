package io.cloudcut.bench;

import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.dashboard.mqtt.DeviceConventions;
import io.cloudcut.device.DashboardPresence;
import io.cloudcut.harness.InfrastructureException;
import io.cloudcut.harness.Waits;
import io.cloudcut.identity.Identities;
import io.cloudcut.mqtt.ConnectAttempt;
import io.cloudcut.mqtt.ConnectionListener;
import io.cloudcut.mqtt.ConnectionSettings;
import io.cloudcut.mqtt.DeviceConnection;
import io.cloudcut.mqtt.MqttStacks;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The raw baseline: clients of one stack, straight to the broker, with none of CloudCut around them
 * (no firmware, proxy, cloud or probes), doing a device's MQTT traffic: connecting with its Last Will,
 * subscribing to its topics, and on each connect sending what it sends (online, its dashboard
 * discovery configs and state, retained; its sign-in request), then publishing its events at QoS 1 at
 * the fleet's rate (each PUBLISH a status report of the same shape). A client counts as connected once
 * the broker has acknowledged its connect's traffic, as a device holds its place in the fleet's start
 * window until it has signed in; no cloud answers the sign-in, which is the cloud's traffic, not the
 * client's. Each client lives on its own Vert.x context, as a device verticle does.
 */
final class BareClients {

    private static final Duration CONNECT_LIMIT = Duration.ofMinutes(3);
    /**
     * As many clients as are measured warm the JVM first, up to this many: warmed by 100, 1,000 bare clients
     * connected at 492-500 a second against 752-990 warmed by 1,000, which flattered the connect ratio.
     */
    private static final int WARM_UP_CLIENTS = 1000;
    /** The state a bare client shows and reports: a vacuum at rest, as the bench's devices start. */
    private static final String STATE = "docked";
    /**
     * At most this many connects under way at once: HiveMQ CE accepts with a backlog of 128 (fixed in
     * its code), and a burst beyond it waits for a SYN to be sent again, a second later. The fleet's
     * devices each connect to their own link on the proxy, so they meet no such queue on their side.
     */
    private static final int CONNECTS_IN_FLIGHT = 100;
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    /** From the paced stride to a steady back-to-back stream: every client's first acknowledgement is in. */
    private static final Duration BACK_TO_BACK_SETTLING = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final BrokerEndpoint broker;
    private final String stack;
    private final DeviceModel model;
    private final Identities identities;
    /** Real time, shared: a clock keeps a thread for its deadlines, and a device's costs none of its own. */
    private final ScenarioClock clock = ScenarioClock.running(1);

    /** @param identities each client is enrolled as a device of {@code model} and connects as itself */
    BareClients(Vertx vertx, BrokerEndpoint broker, String stack, DeviceModel model, Identities identities) {
        this.vertx = vertx;
        this.broker = broker;
        this.stack = stack;
        this.model = model;
        this.identities = identities;
    }

    /**
     * Warms the JVM with a smaller round first (the fleet runs second, in a warm JVM), then connects
     * {@code count} clients and has each publish {@code eventsPerSecondEach} events per real second,
     * counting those the broker passes on over {@code window}; then, over another window, has each
     * publish back to back, its next event as soon as the broker has acknowledged the last: the raw ceiling.
     */
    BareFigures measure(int count, double eventsPerSecondEach, Duration window) throws InfrastructureException {
        try {
            return measureOnClock(count, eventsPerSecondEach, window);
        } finally {
            clock.close();
        }
    }

    private BareFigures measureOnClock(int count, double eventsPerSecondEach, Duration window) throws InfrastructureException {
        long periodMillis = Math.max(1, Math.round(1000 / eventsPerSecondEach));
        List<Client> warmUp = connectAll("bench-warm-up-", Math.min(count, WARM_UP_CLIENTS));
        warmUp.forEach(client -> client.publishEvery(periodMillis));
        Waits.pause(WARM_UP);
        closeAll(warmUp);

        TelemetryMonitor monitor = TelemetryMonitor.connect(vertx, broker, identities.monitor());
        ProcessSample before = ProcessSample.afterGc();
        long connectFrom = System.nanoTime();
        List<Client> clients = connectAll("bench-bare-", count);
        double connectSeconds = (System.nanoTime() - connectFrom) / 1e9;
        ProcessSample connected = ProcessSample.now(); // before the collection, whose CPU is not the connects'
        ProcessSample up = ProcessSample.afterGc();

        clients.forEach(client -> client.publishEvery(periodMillis));
        Waits.pause(Duration.ofMillis(periodMillis)); // every client has started its stride
        ProcessSample from = ProcessSample.now();
        monitor.mark();
        Waits.pause(window);
        double eventsPerSecond = monitor.ratePerSecondSinceMark();
        ProcessSample to = ProcessSample.now();

        clients.forEach(Client::publishBackToBack);
        Waits.pause(BACK_TO_BACK_SETTLING);
        monitor.mark();
        Waits.pause(window);
        double ceilingPerSecond = monitor.ratePerSecondSinceMark();
        closeAll(clients);
        Waits.await(monitor.close(), "closing the telemetry monitor");
        return new BareFigures(new Side(count, connectSeconds, eventsPerSecond, Math.max(0, (up.heapBytes() - before.heapBytes()) / count),
                up.threads() - before.threads(), to.cpuPercentSince(from), connected.cpuMillisEachSince(before, count),
                connected.compilerCpuPercentSince(before)), ceilingPerSecond);
    }

    private List<Client> connectAll(String prefix, int count) throws InfrastructureException {
        AtomicInteger connected = new AtomicInteger();
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(new Client(prefix + i, vertx.getOrCreateContext(), connected));
        }
        int opened = 0;
        long deadline = System.nanoTime() + CONNECT_LIMIT.toNanos();
        while (opened < count && System.nanoTime() < deadline) {
            if (opened - connected.get() < CONNECTS_IN_FLIGHT) {
                clients.get(opened++).open();
            } else {
                Waits.pause(Duration.ofMillis(1));
            }
        }
        awaitUntil(() -> connected.get() == count, CONNECT_LIMIT,
                () -> connected.get() + " of " + count + " bare " + stack + " clients connected");
        return clients;
    }

    private static void closeAll(List<Client> clients) throws InfrastructureException {
        clients.forEach(Client::close);
        Waits.await(Future.join(clients.stream().map(client -> client.closed).toList()), "closing the bare clients");
    }

    private static void awaitUntil(BooleanSupplier done, Duration limit, Supplier<String> whereItStands) throws InfrastructureException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new InfrastructureException("not within " + limit.toSeconds() + " s: " + whereItStands.get());
            }
            Waits.pause(Duration.ofMillis(20));
        }
    }

    /** One bare client on its own context; it only counts what it is told. */
    private final class Client implements ConnectionListener {
        private final String id;
        private final Context context;
        private final AtomicInteger connected;
        private final DashboardPresence presence;
        private DeviceConnection connection;
        private boolean counted;
        private long timer = -1;
        private boolean backToBack;
        private long seq;
        private Future<Void> closed = Future.succeededFuture();

        Client(String id, Context context, AtomicInteger connected) {
            this.id = id;
            this.context = context;
            this.connected = connected;
            this.presence = new DashboardPresence(DeviceConventions.of(id, model), () -> connection);
        }

        void open() {
            identities.enrol(id, model);
            List<String> subscriptions = new ArrayList<>(List.of(CloudTopics.auth(id), CloudTopics.command(id)));
            subscriptions.addAll(presence.subscriptions());
            context.runOnContext(start -> {
                connection = MqttStacks.create(stack, vertx, new ConnectionSettings(id, broker.host(), broker.port(),
                        model.keepAlive(), model.connectTimeout(), model.mqttSession(), subscriptions, model.reconnect(),
                        clock).withWill(presence.will()).withCredentials(identities.device(id)), this);
                presence.show(STATE, new JsonObject());
                connection.open();
            });
        }

        void publishEvery(long periodMillis) {
            context.runOnContext(start -> timer = vertx.setPeriodic(ThreadLocalRandom.current().nextLong(1, periodMillis + 1),
                    periodMillis, tick -> publishStatus()));
        }

        /** Its stride stops; each status report goes out once the broker has acknowledged the last, until closed. */
        void publishBackToBack() {
            context.runOnContext(start -> {
                vertx.cancelTimer(timer);
                backToBack = true;
                publishNextOnAck();
            });
        }

        private void publishNextOnAck() {
            if (backToBack) {
                // Back on its own context, whichever thread the stack acknowledges on. A publish that fails (its
                // connection dropped) ends this client's stream: the ceiling is what the connected ones carry.
                publishStatus().onSuccess(acked -> context.runOnContext(next -> publishNextOnAck()));
            }
        }

        private Future<Void> publishStatus() {
            return connection.publish(CloudTopics.ingest(id), Buffer.buffer(new JsonObject()
                    .put("kind", "status").put("seq", seq++).put("state", STATE).encode()));
        }

        void close() {
            Promise<Void> done = Promise.promise();
            closed = done.future();
            context.runOnContext(stop -> {
                backToBack = false;
                vertx.cancelTimer(timer);
                connection.close().onComplete(ignored -> done.tryComplete());
            });
        }

        @Override
        public void connected(ConnectAttempt attempt) {
            Buffer signIn = CloudTopics.signInRequest(id, model.session().tokenTtl()).toBuffer();
            Future.all(presence.connected(), connection.publish(CloudTopics.AUTH_REQUEST, signIn))
                    .onComplete(sent -> {
                        if (connection.isConnected() && !counted) {
                            counted = true;
                            connected.incrementAndGet();
                        }
                    });
        }

        @Override
        public void connectionLost(String cause) {
            if (counted) {
                counted = false;
                connected.decrementAndGet();
            }
        }

        @Override
        public void gaveUp(int attempts) {
        }

        @Override
        public void message(String topic, Buffer payload) {
        }
    }
}
