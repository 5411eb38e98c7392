package io.cloudcut.harness;

import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.fault.LinkFailure;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.observation.ObservationCodec;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FaultSpec;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The coordinator's side of a clustered run: the devices are spread over worker processes (a device
 * in turn to each, so that every worker gets its share of every model), which follow this process's
 * scenario clock and fault their links when told. Each worker's address is the only one this process
 * sends to (the worker hands a request on to the device), and each worker sends its devices'
 * observations here in batches: a clustered send looks its address up in the cluster, which costs
 * more than a device's message if done for each.
 */
final class WorkerDevices implements DeviceHost {

    private static final Duration ROLL_CALL_EVERY = Duration.ofMillis(500);
    /** Starting thousands of devices on a busy machine takes a while; the event bus waits this long for a worker. */
    static final long ORDER_TIMEOUT_MILLIS = Duration.ofMinutes(3).toMillis();

    /** A worker that answered the roll call. */
    record Member(String name, String address, int maxDevices) {
    }

    /**
     * Ephemeral ports of 127.0.0.1 (Linux's default range, 32768 to 60999): a link on a port of its
     * own takes one to listen on, its device's connection to it one, and its connection to the broker
     * one more ({@link #PORTS_A_LINK}). 18,000 devices on four workers took 60 s to open 24 links on
     * one of them, and the run stopped; 10,000 on three (30,000 ports) opened them all, but in the storm
     * refused links could not listen again where connections had taken their ports meanwhile.
     */
    static final int LOOPBACK_PORTS = 28_232;
    static final int PORTS_A_LINK = 3;

    private final Vertx vertx;
    private final ObservationLog log;
    private final List<Member> members;
    private final String run = UUID.randomUUID().toString();
    private final String clockAddress = "cloudcut.run." + run + ".clock";
    private final String observationsAddress = "cloudcut.run." + run + ".observations";
    private final String certifyAddress = "cloudcut.run." + run + ".certify";
    private final String pulseAddress = "cloudcut.run." + run + ".pulse";
    private WorkerPulses pulses;
    private final WorkerTls tls;
    private MessageConsumer<JsonObject> certify;
    private final Map<String, Long> observationsReceived = new java.util.concurrent.ConcurrentHashMap<>();
    private MessageConsumer<JsonObject> observations;
    private final Map<String, Member> byDevice = new LinkedHashMap<>();
    private long heartbeat = -1;
    private final boolean sharedPort;

    private WorkerDevices(Vertx vertx, ObservationLog log, List<Member> members, WorkerTls tls, boolean sharedPort) {
        this.vertx = vertx;
        this.log = log;
        this.members = members;
        this.tls = tls;
        this.sharedPort = sharedPort;
    }

    /**
     * Whether each worker puts its links on one proxy port: when asked, or when the fleet's links
     * would each take {@link #PORTS_A_LINK} of the {@link #LOOPBACK_PORTS} ephemeral ports of
     * 127.0.0.1 that all the workers of one machine share.
     */
    static boolean sharedPort(int devices, boolean asked) {
        return asked || (long) PORTS_A_LINK * devices > LOOPBACK_PORTS;
    }

    /** Whether the workers put their links on one proxy port each. */
    boolean onSharedPort() {
        return sharedPort;
    }

    /**
     * The first {@code count} idle workers to answer (by name), once that many have; fails after
     * {@code limit} naming those that answered. Their devices reach the broker as {@code tls} says,
     * through one proxy port a worker with {@code sharedPort}.
     */
    static Future<WorkerDevices> rollCall(Vertx vertx, ObservationLog log, int count, Duration limit, WorkerTls tls,
                                          boolean sharedPort) {
        Promise<WorkerDevices> found = Promise.promise();
        Map<String, Member> idle = new TreeMap<>();
        List<String> busy = new ArrayList<>();
        String replyTo = "cloudcut.roll-call." + UUID.randomUUID();
        MessageConsumer<JsonObject> answers = vertx.eventBus().consumer(replyTo, answer -> {
            JsonObject worker = answer.body();
            if (worker.getBoolean("busy")) {
                if (!busy.contains(worker.getString("name"))) {
                    busy.add(worker.getString("name"));
                }
            } else {
                idle.put(worker.getString("name"), new Member(worker.getString("name"), worker.getString("address"),
                        worker.getInteger("maxDevices")));
            }
            if (idle.size() >= count) {
                found.tryComplete(new WorkerDevices(vertx, log, List.copyOf(idle.values()).subList(0, count), tls, sharedPort));
            }
        });
        JsonObject call = new JsonObject().put("replyTo", replyTo);
        long calling = vertx.setPeriodic(0, ROLL_CALL_EVERY.toMillis(), tick -> vertx.eventBus().publish(Worker.ROLL_CALL, call));
        long giveUp = vertx.setTimer(limit.toMillis(), timeout -> found.tryFail("waited " + limit.toSeconds()
                + " s for " + count + " idle workers; " + idle.size() + " answered" + (idle.isEmpty() ? "" : " (" + String.join(", ", idle.keySet()) + ")")
                + (busy.isEmpty() ? "" : ", busy with another run: " + String.join(", ", busy))
                + ": start them with ./cloudcut worker, on the cluster's members"));
        return found.future().onComplete(done -> {
            vertx.cancelTimer(calling);
            vertx.cancelTimer(giveUp);
            // Answers to the last call may still be on their way: a consumer gone before they land has
            // Vert.x log each as a discarded message, on the user's terminal.
            vertx.setTimer(ROLL_CALL_EVERY.toMillis(), late -> answers.unregister());
        });
    }

    List<Member> members() {
        return members;
    }

    @Override
    public Future<Void> deploy(List<DeviceRef> devices, BrokerEndpoint broker, ScenarioClock clock,
                               Function<String, Credentials> identityOf) {
        Map<Member, JsonArray> shares = new LinkedHashMap<>();
        members.forEach(member -> shares.put(member, new JsonArray()));
        JsonObject models = new JsonObject();
        for (int index = 0; index < devices.size(); index++) {
            DeviceRef device = devices.get(index);
            Member member = members.get(index % members.size());
            byDevice.put(device.id(), member);
            shares.get(member).add(new JsonArray().add(device.id()).add(device.model().id())
                    .add(identityOf.apply(device.id()).password()));
            DeviceModel model = device.model();
            if (!models.containsKey(model.id())) {
                models.put(model.id(), ModelWire.encode(model));
            }
        }
        for (Map.Entry<Member, JsonArray> share : shares.entrySet()) {
            if (share.getValue().size() > share.getKey().maxDevices()) {
                return Future.failedFuture("worker " + share.getKey().name() + " holds at most " + share.getKey().maxDevices()
                        + " devices within its open-file limit, not " + share.getValue().size() + ": use more workers");
            }
        }
        observations = vertx.eventBus().consumer(observationsAddress, batch -> {
            JsonArray batched = batch.body().getJsonArray("observations");
            batched.forEach(line -> log.add(ObservationCodec.decode((String) line)));
            observationsReceived.merge(batch.body().getString("worker"), (long) batched.size(), Long::sum);
        });
        clock.onChange(setting -> announce(clock, setting));
        pulses = new WorkerPulses(vertx, clock, pulseAddress, members.stream().map(Member::name).toList());
        heartbeat = vertx.setPeriodic(WorkerPulses.EVERY.toMillis(), tick -> announce(clock, clock.setting()));
        JsonObject order = new JsonObject().put("run", run).put("clock", clockAddress).put("pulse", pulseAddress)
                .put("observations", observationsAddress).put("models", models)
                .put("broker", new JsonObject().put("host", broker.host()).put("port", broker.port()))
                .put("sharedPort", sharedPort).put("startWindow", StartWindow.widthOnEachOf(members.size()));
        if (tls.certificates() != null) {
            certify = vertx.eventBus().consumer(certifyAddress, this::certify);
            order.put("tls", new JsonObject().put("certify", certifyAddress).put("mutual", tls.mutual()));
        }
        if (tls.broker() != null) {
            order.put("brokerCa", tls.broker().caPem());
        }
        List<Future<JsonObject>> started = new ArrayList<>();
        long deployMillis = deployTimeout(devices.size()).toMillis();
        shares.forEach((member, share) -> started.add(ask(member, "deploy", order.copy().put("devices", share), deployMillis)));
        return Future.all(started).mapEmpty();
    }

    /**
     * Answers a worker's request for certificates: the run's CA signs the public keys of its proxy and
     * of its own devices (no other's), apart from the event loop, as a fleet's signatures take a while.
     */
    private void certify(Message<JsonObject> request) {
        JsonObject asked = request.body();
        String worker = asked.getString("worker");
        vertx.executeBlocking(() -> {
            JsonObject devices = new JsonObject();
            JsonObject keys = asked.getJsonObject("devices");
            for (String device : keys.fieldNames()) {
                Member member = byDevice.get(device);
                if (member == null || !member.name().equals(worker)) {
                    throw new IllegalArgumentException("worker " + worker + " asked for a certificate for device '"
                            + device + "', which it does not run");
                }
                devices.put(device, tls.certificates().certifyDevice(device, keys.getBinary(device)));
            }
            return new JsonObject().put("ca", tls.certificates().encodedCa())
                    .put("proxy", tls.certificates().certifyProxy(asked.getBinary("proxy"))).put("devices", devices);
        }).onSuccess(request::reply).onFailure(refused -> request.fail(400, refused.getMessage()));
    }

    /**
     * The clock's pace to every worker: on each change, and every {@link WorkerPulses#EVERY}, which says
     * whether it stands still now and keeps the run alive there ({@link ClockWire}).
     */
    private void announce(ScenarioClock clock, ScenarioClock.Setting setting) {
        vertx.eventBus().publish(clockAddress, ClockWire.of(setting, clock.attemptsAtOnce(), members.size()));
    }

    @Override
    public Future<Message<JsonObject>> request(DeviceRef device, String address, JsonObject body, DeliveryOptions options) {
        // A worker answers for its device, or not at all when the device did not: this request times out then.
        return vertx.eventBus().request(byDevice.get(device.id()).address(), body, new DeliveryOptions(options)
                .addHeader("action", "device").addHeader("to", address).addHeader("run", run)
                .addHeader("timeout", String.valueOf(options.getSendTimeout())));
    }

    @Override
    public Future<Void> setLinkFaults(Map<String, List<FaultSpec>> faultsByDevice) {
        Map<Member, JsonObject> byMember = new LinkedHashMap<>();
        faultsByDevice.forEach((device, faults) -> {
            JsonArray wire = new JsonArray();
            faults.forEach(fault -> wire.add(new JsonObject().put("fault", fault.fault()).put("direction", fault.direction())
                    .put("attributes", new JsonObject(fault.attributes() == null ? Map.of() : fault.attributes()))));
            byMember.computeIfAbsent(byDevice.get(device), member -> new JsonObject()).put(device, wire);
        });
        List<Future<JsonObject>> set = new ArrayList<>();
        byMember.forEach((member, links) -> set.add(ask(member, "links", new JsonObject().put("links", links))));
        return Future.all(set).mapEmpty();
    }

    @Override
    public Future<Void> present(Map<String, byte[]> reissued) {
        Map<Member, JsonObject> byMember = new LinkedHashMap<>();
        reissued.forEach((device, certificate) ->
                byMember.computeIfAbsent(byDevice.get(device), member -> new JsonObject()).put(device, certificate));
        List<Future<JsonObject>> presented = new ArrayList<>();
        byMember.forEach((member, devices) -> presented.add(ask(member, "certificates", new JsonObject().put("devices", devices))));
        return Future.all(presented).mapEmpty();
    }

    @Override
    public Future<List<LinkFailure>> linkFailures() {
        List<Future<List<LinkFailure>>> asked = new ArrayList<>();
        members.forEach(member -> asked.add(ask(member, "link-failures", new JsonObject())
                .map(WorkerDevices::decode)));
        return Future.all(asked).map(all -> all.<List<LinkFailure>>list().stream().flatMap(List::stream).toList());
    }

    /** A worker's link failures as it answers the coordinator. */
    static JsonObject encode(List<LinkFailure> failures) {
        return new JsonObject().put("failures", new JsonArray(failures.stream().map(failure -> new JsonObject()
                .put("link", failure.link()).put("times", failure.times()).put("first", failure.first())).toList()));
    }

    static List<LinkFailure> decode(JsonObject answer) {
        return answer.getJsonArray("failures").stream().map(JsonObject.class::cast)
                .map(failure -> new LinkFailure(failure.getString("link"), failure.getLong("times"), failure.getString("first")))
                .toList();
    }

    @Override
    public Future<List<HarnessMonitor.Figures>> otherProcesses(Duration stretch) {
        List<Future<HarnessMonitor.Figures>> figures = new ArrayList<>();
        members.forEach(member -> figures.add(ask(member, "figures", new JsonObject().put("stretchMillis", stretch.toMillis()))
                .map(HarnessMonitor.Figures::fromJson)));
        return Future.all(figures).map(all -> all.<HarnessMonitor.Figures>list());
    }

    @Override
    public Future<BrokerWaits> brokerWaits() {
        List<Future<BrokerWaits>> each = new ArrayList<>();
        members.forEach(member -> each.add(ask(member, "broker-waits", new JsonObject()).map(BrokerWaits::fromJson)));
        return Future.all(each).map(all -> all.<BrokerWaits>list().stream().reduce(BrokerWaits.NONE, BrokerWaits::with));
    }

    /** Each worker tells its own devices' (a worker process's). */
    @Override
    public boolean inThisProcess() {
        return false;
    }

    /** Stops every worker's devices, and waits until every observation each worker sent has arrived. */
    @Override
    public Future<Void> undeploy() {
        List<Future<Void>> stopped = new ArrayList<>();
        members.forEach(member -> stopped.add(ask(member, "undeploy", new JsonObject())
                .compose(done -> allArrived(member, done.getLong("observations")))));
        return Future.join(stopped).mapEmpty();
    }

    private Future<Void> allArrived(Member member, long sent) {
        Promise<Void> arrived = Promise.promise();
        long deadline = System.nanoTime() + ORDER_TIMEOUT_MILLIS * 1_000_000;
        vertx.setPeriodic(0, 20, check -> {
            long received = observationsReceived.getOrDefault(member.name(), 0L);
            if (received >= sent) {
                vertx.cancelTimer(check);
                arrived.tryComplete();
            } else if (System.nanoTime() > deadline) {
                vertx.cancelTimer(check);
                arrived.tryFail("worker " + member.name() + " sent " + sent + " observations, " + received + " arrived");
            }
        });
        return arrived.future();
    }

    @Override
    public void close() {
        if (observations != null) {
            observations.unregister();
        }
        if (certify != null) {
            certify.unregister();
        }
        if (heartbeat >= 0) {
            vertx.cancelTimer(heartbeat);
            heartbeat = -1;
        }
        if (pulses != null) {
            pulses.close();
        }
    }

    /**
     * How long a worker may take to start its share: a share starts as fast as the whole fleet does
     * (the workers share one start window), so at the fleet's pace. A flat 3 minutes timed out a worker
     * with 4,500 devices of 18,000 still starting, the run's own start limit not yet reached.
     */
    static Duration deployTimeout(int fleetDevices) {
        return Duration.ofMillis(ORDER_TIMEOUT_MILLIS).plus(ScenarioRunner.START_PER_DEVICE.multipliedBy(fleetDevices));
    }

    private Future<JsonObject> ask(Member member, String action, JsonObject body) {
        return ask(member, action, body, ORDER_TIMEOUT_MILLIS);
    }

    private Future<JsonObject> ask(Member member, String action, JsonObject body, long timeoutMillis) {
        return vertx.eventBus().<JsonObject>request(member.address(), body.put("run", run),
                        new DeliveryOptions().addHeader("action", action).setSendTimeout(timeoutMillis))
                .map(reply -> reply.body())
                .recover(failed -> Future.failedFuture("worker " + member.name() + ": " + failed.getMessage()));
    }
}
