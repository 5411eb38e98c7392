package io.cloudcut.bench;

import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.dashboard.mqtt.DeviceConventions;
import io.cloudcut.device.DashboardPresence;
import io.cloudcut.fault.FaultProxy;
import io.cloudcut.fault.Link;
import io.cloudcut.harness.InfrastructureException;
import io.cloudcut.harness.ProgressListener;
import io.cloudcut.harness.Waits;
import io.cloudcut.identity.Identities;
import io.cloudcut.mqtt.ConnectAttempt;
import io.cloudcut.mqtt.ConnectionListener;
import io.cloudcut.mqtt.ConnectionSettings;
import io.cloudcut.mqtt.DeviceConnection;
import io.cloudcut.mqtt.MqttStacks;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The raw baseline: clients of one stack, straight to the broker, with none of CloudCut around them
 * (no firmware, proxy, cloud or probes), doing a device's MQTT traffic: connecting with its Last Will,
 * subscribing to its topics, and on each connect sending what it sends (online, its dashboard
 * discovery configs and state, retained; its sign-in request), then publishing its events at QoS 1 at
 * the fleet's rate (each PUBLISH a status report of the same shape). A client counts as connected once
 * the broker has acknowledged its connect's traffic, as a device holds its place in the fleet's start
 * window until it has signed in; no cloud answers the sign-in, which is the cloud's traffic, not the
 * client's. Each client lives on its own Vert.x context, as a device verticle does. Rounds of the same
 * clients also connect through a fault proxy with no faults, on links opened as the fleet's are: every
 * device's connection crosses one, and they say how much of the fleet's connect cost is the proxy's hop.
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
    /**
     * Connect rounds each way, the figures taken from the median one: a round of 1,000 connects lasts about a
     * second, bound by the CPU, and the JIT compiler took 50-75% of a core in one round and less in the next.
     */
    static final int CONNECT_ROUNDS = 3;
    /** The client ids of each direct round start with this, the round's number and a dash. */
    static final String DIRECT = "bench-bare-";
    /** The client ids of each round through the fault proxy start with this, the round's number and a dash. */
    static final String PROXIED = "bench-proxied-";
    /** From the paced stride to a steady back-to-back stream: every client's first acknowledgement is in. */
    private static final Duration BACK_TO_BACK_SETTLING = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final BrokerEndpoint broker;
    private final String stack;
    private final DeviceModel model;
    private final Identities identities;
    private final boolean oneProxyPort;
    /** Real time, shared: a clock keeps a thread for its deadlines, and a device's costs none of its own. */
    private final ScenarioClock clock = ScenarioClock.running(1);

    /**
     * @param identities   each client is enrolled as a device of {@code model} and connects as itself
     * @param oneProxyPort the proxy's links share one port, as the fleet's do with {@code --one-proxy-port}
     */
    BareClients(Vertx vertx, BrokerEndpoint broker, String stack, DeviceModel model, Identities identities, boolean oneProxyPort) {
        this.vertx = vertx;
        this.broker = broker;
        this.stack = stack;
        this.model = model;
        this.identities = identities;
        this.oneProxyPort = oneProxyPort;
    }

    /**
     * Warms the JVM with a round of each way of connecting first (the fleet runs last, in a warm JVM), then
     * connects {@code count} clients in {@link #CONNECT_ROUNDS} rounds each way, through a fault proxy and
     * straight to the broker in turn, so that neither way has the warmer JVM; each way's connect figures are
     * its median round's. The last direct round's clients stay: each publishes {@code eventsPerSecondEach}
     * events per real second, counting those the broker passes on over {@code window}; then, over another
     * window, each publishes back to back, its next event as soon as the broker has acknowledged the last:
     * the raw ceiling.
     */
    BareFigures measure(int count, double eventsPerSecondEach, Duration window, ProgressListener progress)
            throws InfrastructureException {
        try {
            return measureOnClock(count, eventsPerSecondEach, window, progress);
        } finally {
            clock.close();
        }
    }

    private BareFigures measureOnClock(int count, double eventsPerSecondEach, Duration window, ProgressListener progress)
            throws InfrastructureException {
        long periodMillis = Math.max(1, Math.round(1000 / eventsPerSecondEach));
        int warmUpClients = Math.min(count, WARM_UP_CLIENTS);
        progress.starting("the bare clients' warm-up: " + warmUpClients + " straight to the broker, publishing for "
                + Durations.format(WARM_UP) + ", then " + warmUpClients + " through a fault proxy");
        List<Client> warmUp = connectAll("bench-warm-up-", warmUpClients, direct());
        warmUp.forEach(client -> client.publishEvery(periodMillis));
        Waits.pause(WARM_UP);
        closeAll(warmUp);
        try (FaultProxy proxy = FaultProxy.create(broker.host(), broker.port())) {
            closeAll(connectAll("bench-proxy-warm-up-", warmUpClients, through(proxy, "bench-proxy-warm-up-", warmUpClients)));
        }

        List<Connects> directRounds = new ArrayList<>();
        List<Connects> proxiedRounds = new ArrayList<>();
        for (int round = 1; round < CONNECT_ROUNDS; round++) {
            progress.starting(connectRound(round, count));
            proxiedRounds.add(connectThroughProxy(PROXIED + round + "-", count));
            Round direct = connectRound(DIRECT + round + "-", count, this::direct);
            closeAll(direct.clients());
            directRounds.add(direct.connects());
        }
        progress.starting(connectRound(CONNECT_ROUNDS, count));
        proxiedRounds.add(connectThroughProxy(PROXIED + CONNECT_ROUNDS + "-", count));

        TelemetryMonitor monitor = TelemetryMonitor.connect(vertx, broker, identities.monitor());
        ProcessSample before = ProcessSample.afterGc();
        Round last = connectRound(DIRECT + CONNECT_ROUNDS + "-", count, this::direct);
        directRounds.add(last.connects());
        List<Client> clients = last.clients();
        ProcessSample up = ProcessSample.afterGc();

        progress.starting("the bare clients' telemetry: " + Durations.format(window) + " at the fleet's pace, then "
                + Durations.format(window) + " each publishing its next on the last one's acknowledgement");
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
        // A thread of the last proxy's may still be ending when the clients start, and gone once they are up.
        Side side = new Side(Connects.median(directRounds), eventsPerSecond,
                Math.max(0, (up.heapBytes() - before.heapBytes()) / count), Math.max(0, up.threads() - before.threads()),
                to.cpuPercentSince(from));
        return new BareFigures(side, ceilingPerSecond, Connects.median(proxiedRounds));
    }

    private static String connectRound(int round, int count) {
        return "connect round " + round + " of " + CONNECT_ROUNDS + ": " + count + " bare clients through a fault proxy, then "
                + count + " straight to the broker";
    }

    /** {@code count} clients named by {@code prefix}, connected, and how that went. */
    private record Round(List<Client> clients, Connects connects) {
    }

    /**
     * Connects {@code count} clients named by {@code prefix} to the endpoints {@code endpoints} gives them (made
     * within the round, as the fleet opens its links within its own), timed from a collected heap.
     */
    private Round connectRound(String prefix, int count, Supplier<Function<String, BrokerEndpoint>> endpoints)
            throws InfrastructureException {
        ProcessSample before = ProcessSample.afterGc();
        long connectFrom = System.nanoTime();
        List<Client> clients = connectAll(prefix, count, endpoints.get());
        double connectSeconds = (System.nanoTime() - connectFrom) / 1e9;
        ProcessSample connected = ProcessSample.now(); // before any collection, whose CPU is not the connects'
        return new Round(clients, Connects.between(before, connected, count, connectSeconds));
    }

    /** A round through a fault proxy with no faults, its links opened within the round as the fleet's are. */
    private Connects connectThroughProxy(String prefix, int count) throws InfrastructureException {
        try (FaultProxy proxy = FaultProxy.create(broker.host(), broker.port())) {
            Round round = connectRound(prefix, count, () -> through(proxy, prefix, count));
            closeAll(round.clients());
            return round.connects();
        }
    }

    private Function<String, BrokerEndpoint> direct() {
        return id -> broker;
    }

    /** Opens a link of {@code proxy} for each of the {@code count} clients named by {@code prefix}, and says which is whose. */
    private Function<String, BrokerEndpoint> through(FaultProxy proxy, String prefix, int count) {
        List<String> ids = IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
        Map<String, BrokerEndpoint> endpoints = new HashMap<>();
        for (Link link : proxy.openLinks(ids, oneProxyPort)) {
            endpoints.put(link.id(), new BrokerEndpoint(link.host(), link.port()));
        }
        return endpoints::get;
    }

    private List<Client> connectAll(String prefix, int count, Function<String, BrokerEndpoint> endpointOf) throws InfrastructureException {
        AtomicInteger connected = new AtomicInteger();
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(new Client(prefix + i, contextForAClient(vertx), connected));
        }
        int opened = 0;
        long deadline = System.nanoTime() + CONNECT_LIMIT.toNanos();
        while (opened < count && System.nanoTime() < deadline) {
            if (opened - connected.get() < CONNECTS_IN_FLIGHT) {
                Client client = clients.get(opened++);
                client.open(endpointOf.apply(client.id));
            } else {
                Waits.pause(Duration.ofMillis(1));
            }
        }
        awaitUntil(() -> connected.get() == count, CONNECT_LIMIT,
                () -> connected.get() + " of " + count + " bare " + stack + " clients connected");
        return clients;
    }

    /**
     * A context of its own, on the next event loop, as each device's verticle has. Off a Vert.x thread,
     * {@code getOrCreateContext()} gives each caller a new context, but every one on the same event loop:
     * the bare clients' callbacks all ran on one thread, the devices' on all of them.
     */
    static Context contextForAClient(Vertx vertx) {
        return ((VertxInternal) vertx).createEventLoopContext();
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

        void open(BrokerEndpoint endpoint) {
            identities.enrol(id, model);
            List<String> subscriptions = new ArrayList<>(List.of(CloudTopics.auth(id), CloudTopics.command(id)));
            subscriptions.addAll(presence.subscriptions());
            context.runOnContext(start -> {
                connection = MqttStacks.create(stack, vertx, new ConnectionSettings(id, endpoint.host(), endpoint.port(),
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
