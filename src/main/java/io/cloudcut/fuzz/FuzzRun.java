package io.cloudcut.fuzz;

import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.broker.BrokerSettings;
import io.cloudcut.broker.Brokers;
import io.cloudcut.cloud.Cloud;
import io.cloudcut.cloud.CloudControl;
import io.cloudcut.device.DeviceVerticle;
import io.cloudcut.harness.Scenarios;
import io.cloudcut.harness.Waits;
import io.cloudcut.mqtt.NativeTransport;
import io.cloudcut.scenario.ClientStack;
import io.cloudcut.scenario.CloudSpec;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.ScenarioLoader;
import io.cloudcut.scenario.WireNames;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * A fuzz run: an embedded broker (or an external one), the default cloud, one device of each model (each on its own
 * client stack), all connected straight to the broker; every function of every device asked once
 * (each must answer before any fuzz is sent); then payloads from a fixed seed on every topic the
 * devices and the services read, and PUBLISH packets with topics that are not UTF-8; then each
 * reader's count of rejected messages compared with what it had to reject, and every function asked
 * again. Blocking: call it from a plain thread.
 */
public final class FuzzRun {

    /** The client stacks devices get in turn, so that a few devices cover the libraries that differ most. */
    public static final List<ClientStack> STACKS = List.of(ClientStack.VERTX, ClientStack.HIVEMQ_V5, ClientStack.PAHO_V3,
            ClientStack.HIVEMQ_V3, ClientStack.PAHO_V5);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    /** How long the readers may go on counting after the last payload was acknowledged by the broker. */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);
    /**
     * At most this many payloads sent to a reader and not yet read by it. Unpaced, a slow reader loses
     * what the broker's bounded queue for it cannot hold: at 2,700 payloads/s a Paho v3 device never
     * saw a third of its share.
     */
    private static final long MAX_BACKLOG = 500;
    private static final int PACE_EVERY = 50;
    private static final Duration PACE_POLL = Duration.ofMillis(5);

    private final FuzzSettings settings;
    private final Consumer<String> progress;

    /** @param progress told, in a line each, what the run is doing and how far the fuzzing is */
    public FuzzRun(FuzzSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public FuzzFigures run() throws Exception {
        ScenarioLoader loader = Scenarios.loader(settings.projectRoot());
        CloudSpec cloud = loader.loadCloud(settings.projectRoot().resolve("clouds/default.yaml"));
        List<FuzzedDevice> devices = new ArrayList<>();
        for (int i = 0; i < settings.models().size(); i++) {
            String model = settings.models().get(i);
            devices.add(new FuzzedDevice(model + "-" + (i + 1),
                    loader.loadModel(settings.projectRoot().resolve("devices/" + model + ".yaml"), cloud)
                            .withClient(WireNames.of(STACKS.get(i % STACKS.size())))));
        }
        progress.accept(settings.externalBroker() == null ? "starting the embedded broker"
                : "fuzzing through " + settings.externalBroker());
        try (Broker broker = Brokers.start(settings.externalBroker() == null
                ? BrokerSettings.embedded(settings.projectRoot().resolve("broker-config"))
                : BrokerSettings.external(settings.externalBroker()));
             ScenarioClock clock = ScenarioClock.running(1)) {
            Vertx vertx = Vertx.vertx(NativeTransport.vertxOptions());
            try {
                return fuzz(vertx, broker.endpoint(), cloud, devices, clock);
            } finally {
                Waits.await(vertx.close(), "stopping the devices and the cloud");
            }
        }
    }

    private FuzzFigures fuzz(Vertx vertx, BrokerEndpoint broker, CloudSpec cloudSpec, List<FuzzedDevice> devices,
                             ScenarioClock clock) throws Exception {
        progress.accept("starting the cloud (" + String.join(", ", cloudSpec.services().keySet()) + ") and "
                + devices.size() + " devices");
        // An open broker: the fuzzer stands for whatever got past the broker's rules, and writes everywhere.
        CloudControl cloud = Waits.await(Cloud.deploy(vertx, cloudSpec, broker.host(), broker.port(), clock, service -> null),
                "the cloud services could not connect to the broker");
        for (FuzzedDevice device : devices) {
            Waits.await(vertx.deployVerticle(new DeviceVerticle(device.id(), device.model(), broker.host(), broker.port(),
                    clock, null)), "device " + device.id() + " could not start");
        }
        Readers readers = new Readers(vertx, cloud, devices);
        awaitConnectedWithSession(readers, devices);
        try (Phone phone = new Phone(broker.host(), broker.port());
             Publisher publisher = new Publisher(broker.host(), broker.port(), "cloudcut-fuzzer")) {
            Probes probes = new Probes(vertx, phone, PROBE_TIMEOUT);
            for (FuzzedDevice device : devices) {
                if (probes.answered(device) < device.model().functions().size()) {
                    throw new IllegalStateException(device.id() + " did not answer every probe before any fuzz was sent");
                }
            }
            List<Target> targets = Targets.of(devices, cloudSpec.services().keySet());
            Map<PayloadKind, Long> sentByKind = new EnumMap<>(PayloadKind.class);
            Map<String, Long> sent = new HashMap<>();
            Map<String, Long> mustReject = new HashMap<>();
            PayloadGenerator generator = new PayloadGenerator(settings.seed(), targets);
            Map<String, Readers.Counts> before = readers.now();
            long bytes = 0;
            long startedNanos = System.nanoTime();
            for (long n = 1; n <= settings.payloads(); n++) {
                Payload payload = generator.next();
                publisher.publish(payload.target().topic(), payload.bytes());
                bytes += payload.bytes().length;
                sentByKind.merge(payload.kind(), 1L, Long::sum);
                for (String reader : payload.target().readers()) {
                    sent.merge(reader, 1L, Long::sum);
                    mustReject.merge(reader, payload.valid() ? 0L : 1L, Long::sum);
                }
                if (n % PACE_EVERY == 0) {
                    awaitBacklogs(readers, before, sent);
                }
                if (n % Math.max(1, settings.payloads() / 10) == 0) {
                    progress.accept(String.format("sent %,d of %,d payloads", n, settings.payloads()));
                }
            }
            publisher.awaitAcknowledged();
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            progress.accept(String.format("sending %d PUBLISH packets whose topic is not UTF-8", settings.invalidTopics()));
            InvalidTopics.Outcome invalid = InvalidTopics.send(broker.host(), broker.port(),
                    IntStream.range(0, settings.invalidTopics()).mapToObj(i -> targets.get(i % targets.size()).topic()).toList());
            progress.accept("waiting for every reader to count what it rejected");
            Map<String, Long> rejected = awaitCounts(readers, before, mustReject);
            progress.accept("asking every function of every device again");
            List<ReaderFigures> figures = new ArrayList<>();
            for (FuzzedDevice device : devices) {
                figures.add(new ReaderFigures(device.id(), device.model().id(), device.model().client(),
                        sent.getOrDefault(device.id(), 0L), mustReject.getOrDefault(device.id(), 0L),
                        rejected.getOrDefault(device.id(), 0L), device.model().functions().size(), probes.answered(device)));
            }
            for (String service : cloudSpec.services().keySet()) {
                String reader = Target.SERVICE + service;
                figures.add(new ReaderFigures(reader, "", "vertx", sent.getOrDefault(reader, 0L),
                        mustReject.getOrDefault(reader, 0L), rejected.getOrDefault(reader, 0L), 0, 0));
            }
            return new FuzzFigures(settings.seed(), settings.payloads(), bytes, sentByKind, figures, invalid.sent(),
                    invalid.closedByBroker(), seconds);
        }
    }

    private static void awaitConnectedWithSession(Readers readers, List<FuzzedDevice> devices) throws Exception {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        for (FuzzedDevice device : devices) {
            while (true) {
                JsonObject status = readers.status(device);
                if (status.getBoolean("connected") && status.getBoolean("sessionValid")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(device.id() + " has no cloud session " + SETTLE_LIMIT.toSeconds()
                            + " s after it started: " + status.encode());
                }
                Waits.pause(POLL);
            }
        }
    }

    /** Waits until no reader has more than {@link #MAX_BACKLOG} payloads sent to it and not yet read. */
    private static void awaitBacklogs(Readers readers, Map<String, Readers.Counts> before, Map<String, Long> sent)
            throws Exception {
        while (true) {
            Map<String, Readers.Counts> now = readers.now();
            boolean caughtUp = sent.entrySet().stream().allMatch(reader -> reader.getValue()
                    - now.get(reader.getKey()).since(before.get(reader.getKey())).received() <= MAX_BACKLOG);
            if (caughtUp) {
                return;
            }
            Waits.pause(PACE_POLL);
        }
    }

    /**
     * Every reader's count of malformed messages since the fuzzing began, once each has counted what
     * it must reject, or once the counts have stood still for the settle limit (a reader that lost
     * some: the figures show it).
     */
    private static Map<String, Long> awaitCounts(Readers readers, Map<String, Readers.Counts> before,
                                                 Map<String, Long> mustReject) throws Exception {
        Map<String, Long> counted = Map.of();
        long stillSince = System.nanoTime();
        while (true) {
            Map<String, Long> now = new HashMap<>();
            readers.now().forEach((reader, counts) -> now.put(reader, counts.since(before.get(reader)).rejected()));
            boolean complete = mustReject.entrySet().stream()
                    .allMatch(expected -> now.getOrDefault(expected.getKey(), 0L) >= expected.getValue());
            if (!now.equals(counted)) {
                stillSince = System.nanoTime();
            }
            counted = now;
            if (complete || System.nanoTime() - stillSince > SETTLE_LIMIT.toNanos()) {
                return counted;
            }
            Waits.pause(POLL);
        }
    }
}
