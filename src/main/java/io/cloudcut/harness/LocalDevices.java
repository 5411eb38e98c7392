package io.cloudcut.harness;

import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.device.DeviceVerticle;
import io.cloudcut.fault.FaultProxy;
import io.cloudcut.fault.Link;
import io.cloudcut.fault.LinkFailure;
import io.cloudcut.fault.LinkFault;
import io.cloudcut.fault.LinkFaults;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.observation.Observation;
import io.cloudcut.scenario.FaultSpec;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.Map;

/**
 * Devices as verticles of one Vert.x instance, their links on one fault proxy of the same process,
 * each on a port of its own or all on the proxy's shared port, where a device's client id (its id)
 * names its link.
 */
final class LocalDevices implements DeviceHost {

    private final Vertx vertx;
    /** Null: plain TCP. */
    private final FleetTls tls;
    private final boolean sharedPort;
    private final ObservationLog log;
    /** Told of the proxy once its links are open, before any device connects: a seam for tests. */
    private final Consumer<FaultProxy> opened;
    /** How long the devices may take to stop: under a run's minute of waiting, so that it can say which did not. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(50);

    /** Each device's deployment, by device id. */
    private final Map<String, String> deployments = new LinkedHashMap<>();
    private volatile FaultProxy proxy;

    LocalDevices(Vertx vertx, FleetTls tls, boolean sharedPort, ObservationLog log, Consumer<FaultProxy> opened) {
        this.vertx = vertx;
        this.tls = tls;
        this.sharedPort = sharedPort;
        this.log = log;
        this.opened = opened;
    }

    boolean onSharedPort() {
        return sharedPort;
    }

    @Override
    public Future<Void> deploy(List<DeviceRef> devices, BrokerEndpoint broker, ScenarioClock clock,
                               Function<String, Credentials> identityOf) {
        proxy = tls == null ? FaultProxy.create(broker.host(), broker.port(), clock)
                : FaultProxy.create(broker.host(), broker.port(), clock, tls.proxy());
        LinkReopenings.observe(proxy, clock, vertx);
        // Links open here, on the caller's thread: it waits for the proxy's loops to bind their ports.
        // A device connects with its id as its client id.
        List<Link> links = proxy.openLinks(devices.stream().map(DeviceRef::id).toList(), sharedPort);
        LinkedHashMap<String, Supplier<Future<?>>> starts = new LinkedHashMap<>();
        for (int index = 0; index < devices.size(); index++) {
            DeviceRef device = devices.get(index);
            Link link = links.get(index);
            starts.put(device.id(), () -> vertx.deployVerticle(new DeviceVerticle(device.id(), device.model(), link.host(),
                            link.port(), clock, identityOf.apply(device.id()), tls == null ? null : tls.device(device.id())))
                    .onSuccess(deploymentId -> deployed(device.id(), deploymentId)));
        }
        opened.accept(proxy);
        StartWindow window = new StartWindow(vertx);
        Consumer<Observation> heard = window::heard;
        log.watch(heard);
        return window.start(starts).onComplete(started -> log.unwatch(heard));
    }

    private synchronized void deployed(String device, String deploymentId) {
        deployments.put(device, deploymentId);
    }

    @Override
    public Future<Message<JsonObject>> request(DeviceRef device, String address, JsonObject body, DeliveryOptions options) {
        return vertx.eventBus().request(address, body, options);
    }

    @Override
    public Future<Void> setLinkFaults(Map<String, List<FaultSpec>> faultsByDevice) {
        faultsByDevice.forEach((device, faults) -> faultFromScenario(proxy.link(device), faults));
        return Future.succeededFuture();
    }

    /** Puts exactly the link faults a scenario says on {@code link}; blocks until the proxy's loop has them. */
    static void faultFromScenario(Link link, List<FaultSpec> faults) {
        fault(link, faults.stream()
                .map(fault -> LinkFaults.fromScenario(fault.fault(), fault.attributes(), fault.direction())).toList());
    }

    /** Puts exactly {@code faults} on {@code link}; blocks until the proxy's loop has them. */
    static void fault(Link link, List<LinkFault> faults) {
        link.restore();
        faults.forEach(link::add);
    }

    @Override
    public Future<Void> present(Map<String, byte[]> certificates) {
        // The run's certificates swapped them in as they issued them: the keys are in this process.
        return Future.succeededFuture();
    }

    @Override
    public Future<List<LinkFailure>> linkFailures() {
        return Future.succeededFuture(proxy == null ? List.of() : proxy.failures());
    }

    @Override
    public Future<List<HarnessMonitor.Figures>> otherProcesses(Duration stretch) {
        return Future.succeededFuture(List.of());
    }

    @Override
    public Future<BrokerWaits> brokerWaits() {
        FaultProxy linked = proxy;
        return Future.succeededFuture(linked == null ? BrokerWaits.NONE : BrokerWaits.of(linked));
    }

    @Override
    public boolean inThisProcess() {
        return true;
    }

    /** Fails after {@link #STOP_LIMIT} naming the devices that have not stopped, so that a run says which. */
    @Override
    public synchronized Future<Void> undeploy() {
        Map<String, Future<Void>> stopping = new LinkedHashMap<>();
        deployments.forEach((device, id) -> stopping.put(device, vertx.undeploy(id)));
        deployments.clear();
        return DevicesStopping.within(stopping, STOP_LIMIT);
    }

    @Override
    public void close() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
