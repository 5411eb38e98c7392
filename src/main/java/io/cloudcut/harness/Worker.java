package io.cloudcut.harness;

import io.cloudcut.device.DeviceVerticle;
import io.cloudcut.fault.FaultProxy;
import io.cloudcut.fault.Link;
import io.cloudcut.fault.LinkFaults;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.mqtt.MqttStacks;
import io.cloudcut.mqtt.StuckConnects;
import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ObservationBus;
import io.cloudcut.observation.ObservationCodec;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A process that hosts part of a clustered run's fleet ({@code cloudcut worker}). It answers the
 * coordinator's roll call, starts the devices of its share behind its own fault proxy, follows the
 * coordinator's scenario clock, faults the links it is told to, and reports its own harness figures.
 * It hosts one run at a time; a run whose coordinator falls silent ({@link CoordinatorWatch}) is stopped.
 */
public final class Worker extends VerticleBase {

    static final String ROLL_CALL = "cloudcut.workers.roll-call";
    /**
     * How often a worker checks that its coordinator still speaks (it re-announces its clock every
     * {@link WorkerPulses#EVERY}, so that a worker hears from it even when it asks nothing).
     */
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** This machine, as the kernel names its boot: processes that share it share {@link System#nanoTime()}. */
    static final String MACHINE = machine();
    /** Observations go to the coordinator in batches of at most this many, at least this often. */
    private static final int BATCH = 500;
    private static final Duration BATCH_EVERY = Duration.ofMillis(50);

    private final String name;
    private final String address = "cloudcut.worker." + UUID.randomUUID();
    private final Consumer<String> say;
    private Hosted hosted;
    /** Paho's connects that had waited for ever in this process when the run hosted now (or last) was deployed. */
    private StuckConnects stuckBefore = MqttStacks.stuckConnects();

    private Worker(String name, Consumer<String> say) {
        this.name = name;
        this.say = say;
    }

    /**
     * Starts a worker on a clustered Vert.x; {@code say} hears what it does, a line each. It hands on
     * every request to its devices and every observation they make, so it runs on an event loop; what
     * blocks (a fault proxy binds and closes its sockets so) runs apart.
     */
    public static Future<String> start(Vertx clustered, String name, Consumer<String> say) {
        return clustered.deployVerticle(new Worker(name, say));
    }

    @Override
    public Future<?> start() {
        vertx.eventBus().<JsonObject>consumer(ROLL_CALL, call -> vertx.eventBus().send(call.body().getString("replyTo"),
                new JsonObject().put("name", name).put("address", address).put("busy", hosted != null)
                        .put("maxDevices", DescriptorBudget.workerCapacity())));
        return vertx.eventBus().<JsonObject>consumer(address, this::handle).completion();
    }

    private void handle(Message<JsonObject> message) {
        if (hosted != null) {
            hosted.coordinator.received(message.headers(), message.body(), System.nanoTime());
        }
        String action = message.headers().get("action");
        if ("device".equals(action)) {
            toDevice(message);
            return;
        }
        Future<JsonObject> answer;
        if ("deploy".equals(action)) {
            answer = deploy(message.body());
        } else if (hosted == null || !hosted.run.equals(message.body().getString("run"))) {
            answer = Future.failedFuture("worker " + name + " hosts no run " + message.body().getString("run"));
        } else if ("links".equals(action)) {
            // A link changes its faults on the proxy's own loop and waits for it: not on this event loop.
            Hosted faulting = hosted;
            answer = vertx.executeBlocking(() -> faulting.fault(message.body().getJsonObject("links")));
        } else if ("figures".equals(action)) {
            answer = Future.succeededFuture(hosted.monitor.since(
                    System.nanoTime() - Duration.ofMillis(message.body().getLong("stretchMillis")).toNanos()).toJson());
        } else if ("certificates".equals(action)) {
            WorkerTrust presenting = hosted.trust;
            answer = vertx.executeBlocking(() -> presenting.present(message.body().getJsonObject("devices")));
        } else if ("broker-waits".equals(action)) {
            answer = Future.succeededFuture(BrokerWaits.of(hosted.proxy).toJson());
        } else if ("link-failures".equals(action)) {
            answer = Future.succeededFuture(WorkerDevices.encode(hosted.proxy.failures()));
        } else if ("undeploy".equals(action)) {
            answer = stopHosting("the run ended");
        } else {
            answer = Future.failedFuture("worker " + name + " knows no action '" + action + "'");
        }
        answer.onSuccess(message::reply).onFailure(failed -> message.fail(500, failed.getMessage()));
    }

    private Future<JsonObject> deploy(JsonObject order) {
        if (hosted != null) {
            return Future.failedFuture("worker " + name + " hosts run " + hosted.run + " already");
        }
        JsonArray devices = order.getJsonArray("devices");
        if (devices.size() > DescriptorBudget.workerCapacity()) {
            return Future.failedFuture("worker " + name + " can host at most " + DescriptorBudget.workerCapacity()
                    + " devices within its open-file limit, not " + devices.size());
        }
        Map<String, DeviceModel> models = new HashMap<>();
        order.getJsonObject("models").forEach(model -> models.put(model.getKey(), ModelWire.decode((JsonObject) model.getValue())));
        JsonObject broker = order.getJsonObject("broker");
        ScenarioClock clock = ScenarioClock.stopped();
        hosted = new Hosted(order.getString("run"), clock, HarnessMonitor.start(vertx, clock));
        stuckBefore = MqttStacks.stuckConnects();
        // The coordinator's pace, every 20 ms, is a heartbeat too: a coordinator stalled (its broker and cloud
        // with it) must not leave this worker's devices running on its last pace, where a token expired
        // before the frozen auth service could answer its renewal (543 ms at 3600x in a loaded CI run).
        hosted.coordinatorPace = clock.heartbeat();
        hosted.clockConsumer = vertx.eventBus().consumer(order.getString("clock"), this::followClock);
        hosted.observationsAddress = order.getString("observations");
        int startWindow = order.getInteger("startWindow", StartWindow.WIDTH);
        StartWindow window = new StartWindow(vertx, startWindow);
        hosted.observations = ObservationBus.listen(vertx, observed -> {
            if (!window.done()) {
                window.heard(observed);
            }
            hosted.pending.add(observed);
            if (hosted.pending.size() >= BATCH) {
                sendObservations();
            }
        });
        hosted.batches = vertx.setPeriodic(BATCH_EVERY.toMillis(), tick -> sendObservations());
        // Whether this worker's clock stands for a late loop or for attempts of its own (the coordinator's then stands
        // too), not for the coordinator's standing: the two would wait for each other.
        String pulseAddress = order.getString("pulse");
        hosted.pulse = vertx.setPeriodic(WorkerPulses.EVERY.toMillis(), tick -> {
            vertx.eventBus().send(pulseAddress, WorkerPulses.pulse(name, clock.standsOfItsOwn()));
            tellOfAttemptStands();
        });
        hosted.watchdog = vertx.setPeriodic(HEARTBEAT.toMillis(), tick -> {
            if (hosted != null && hosted.coordinator.silent(System.nanoTime())) {
                stopHosting("its coordinator was silent for " + CoordinatorWatch.SILENCE.toSeconds() + " s");
            }
        });
        boolean sharedPort = order.getBoolean("sharedPort", false);
        say.accept("run " + hosted.run + ": starting " + devices.size() + " devices"
                + (sharedPort ? " through one proxy port" : "") + ", " + startWindow + " at a time");
        Hosted starting = hosted;
        List<String> ids = devices.stream().map(device -> ((JsonArray) device).getString(0)).toList();
        return WorkerTrust.of(vertx, name, order, ids).compose(trust -> vertx.executeBlocking(() -> {
            starting.trust = trust;
            starting.proxy = trust.proxy(broker.getString("host"), broker.getInteger("port"), clock);
            starting.monitor.watch(starting.proxy.eventLoops());
            LinkReopenings.observe(starting.proxy, clock, vertx);
            return starting.proxy.openLinks(ids, sharedPort);
        })).compose(links -> {
            LinkedHashMap<String, Supplier<Future<?>>> starts = new LinkedHashMap<>();
            for (int index = 0; index < devices.size(); index++) {
                JsonArray device = devices.getJsonArray(index);
                Link link = links.get(index);
                starting.modelByDevice.put(device.getString(0), device.getString(1));
                starts.put(device.getString(0), () -> vertx.deployVerticle(new DeviceVerticle(device.getString(0),
                        models.get(device.getString(1)), link.host(), link.port(), clock,
                        new Credentials(device.getString(0), device.getString(2)),
                        starting.trust.device(device.getString(0))))
                        .onSuccess(starting.deployments::add));
            }
            return window.start(starts);
        }).map(all -> new JsonObject().put("devices", devices.size()));
    }

    /**
     * Hands a request on to one of this worker's devices, and its answer or refusal back; a device that
     * does not answer gets no answer sent, so that the coordinator's own request times out.
     */
    private void toDevice(Message<JsonObject> request) {
        if (hosted == null || !hosted.run.equals(request.headers().get("run"))) {
            return;
        }
        DeliveryOptions options = new DeliveryOptions().setSendTimeout(Long.parseLong(request.headers().get("timeout")));
        vertx.eventBus().<JsonObject>request(request.headers().get("to"), request.body(), options).onComplete(answered -> {
            if (answered.succeeded()) {
                request.reply(answered.result().body());
            } else if (answered.cause() instanceof ReplyException refused
                    && refused.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
                request.fail(refused.failureCode(), refused.getMessage());
            }
        });
    }

    /**
     * Sends what the devices observed since the last batch to the coordinator, in order. The batch is
     * written as JSON off the event loop: this loop carries a share of the worker's devices too, and
     * writing every device's observations on it would make them wait.
     */
    private void sendObservations() {
        if (hosted == null || hosted.pending.isEmpty()) {
            return;
        }
        List<Observation> batch = hosted.pending;
        String address = hosted.observationsAddress;
        String run = hosted.run;
        hosted.sent += batch.size();
        hosted.pending = new ArrayList<>();
        // Lines, not JSON objects: read back once on the coordinator instead of built, written and read again.
        vertx.executeBlocking(() -> new JsonArray(batch.stream().map(ObservationCodec::line).toList()))
                .onSuccess(observations -> vertx.eventBus().send(address, new JsonObject().put("worker", name)
                        .put("observations", observations)))
                .onFailure(unwritable -> say.accept("run " + run + ": " + batch.size() + " observations not sent: "
                        + unwritable.getMessage()));
    }

    /** Each stand of this worker's clock for its devices' attempts, observed as the coordinator's pacer observes its own. */
    private void tellOfAttemptStands() {
        long times = hosted.clock.attemptStands();
        for (; hosted.attemptStandsTold < times; hosted.attemptStandsTold++) {
            hosted.pending.add(new ClockObserved(hosted.clock.now().toMillis(), hosted.clock.scale(), ClockObserved.Why.ATTEMPTS));
        }
    }

    private void followClock(Message<JsonObject> announced) {
        if (hosted == null) {
            return;
        }
        hosted.coordinator.heartbeat(System.nanoTime());
        hosted.coordinatorPace.beat();
        ClockWire.follow(hosted.clock, announced.body());
    }

    /** Stops the run's devices (each publishes its final account), sends what is left to send, and lets go of the run. */
    private Future<JsonObject> stopHosting(String why) {
        Hosted ending = hosted;
        vertx.cancelTimer(ending.watchdog);
        List<Future<Void>> stopped = new ArrayList<>();
        ending.deployments.forEach(id -> stopped.add(vertx.undeploy(id)));
        // Paho's connects that waited for ever are counted once the devices have stopped, and sent with the rest.
        Future<?> counted = Future.join(stopped).eventually(() -> vertx.executeBlocking(
                () -> MqttStacks.stuckConnectsOnceSettled().since(stuckBefore)).onSuccess(stuck -> tellStuck(ending, stuck)));
        return counted.eventually(() -> {
            sendObservations();
            hosted = null;
            vertx.cancelTimer(ending.batches);
            vertx.cancelTimer(ending.pulse);
            ending.coordinatorPace.stop();
            return vertx.executeBlocking(() -> {
                ending.close();
                return null;
            });
        }).onComplete(closed -> say.accept("run " + ending.run + ": stopped " + ending.deployments.size() + " devices ("
                + why + ")")).map(done -> new JsonObject().put("devices", ending.deployments.size()).put("observations", ending.sent));
    }

    private void tellStuck(Hosted ending, StuckConnects stuck) {
        if (stuck.isEmpty()) {
            return;
        }
        ending.pending.addAll(ConnectsStuck.observed(stuck, ending.modelByDevice, ending.clock.nowMillis()));
        say.accept("run " + ending.run + ": Paho's connect left " + stuck.threads() + " threads of " + stuck.devices()
                + " devices waiting for ever (eclipse-paho/paho.mqtt.java#953)" + (stuck.ended() ? ", ended" : ""));
    }

    private static String machine() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        } catch (IOException | RuntimeException noSuchFile) {
            // Unknown: never the same as another process's, so clocks follow by arrival time.
            return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
        }
    }

    /** One run's devices on this worker, with what they are reached through. */
    private static final class Hosted {
        private final String run;
        private final ScenarioClock clock;
        private final HarnessMonitor monitor;
        /** Null until the devices' links open. */
        private FaultProxy proxy;
        /** Null until the devices' links open. */
        private WorkerTrust trust;
        private final List<String> deployments = new ArrayList<>();
        private final CoordinatorWatch coordinator;
        private long watchdog;
        private MessageConsumer<JsonObject> clockConsumer;
        private ScenarioClock.Heartbeat coordinatorPace;
        private MessageConsumer<Observation> observations;
        private String observationsAddress;
        private List<Observation> pending = new ArrayList<>();
        /** The model of each device hosted here, by id. */
        private final Map<String, String> modelByDevice = new HashMap<>();
        private long sent;
        private long batches;
        private long pulse;
        /** How many of this clock's stands for attempts have been observed. */
        private long attemptStandsTold;

        Hosted(String run, ScenarioClock clock, HarnessMonitor monitor) {
            this.run = run;
            this.coordinator = new CoordinatorWatch(run, System.nanoTime());
            this.clock = clock;
            this.monitor = monitor;
        }

        /** Blocks until every named link has exactly its faults. */
        JsonObject fault(JsonObject links) {
            links.forEach(device -> LocalDevices.fault(proxy.link(device.getKey()), ((JsonArray) device.getValue())
                    .stream().map(JsonObject.class::cast)
                    .map(fault -> LinkFaults.fromScenario(fault.getString("fault"), fault.getJsonObject("attributes").getMap(),
                            fault.getString("direction")))
                    .toList()));
            return new JsonObject().put("links", links.size());
        }

        void close() {
            clockConsumer.unregister();
            observations.unregister();
            monitor.stop();
            if (proxy != null) {
                proxy.close();
            }
            clock.close();
        }
    }
}
