package io.cloudcut.harness;

import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.device.DeviceAddresses;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.scenario.FaultSpec;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;
import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.StateProbe;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The devices of a run, each reaching the broker through its own link of a fault proxy: emulated ones,
 * one verticle each, wherever their {@link DeviceHost} runs them, and {@link ExternalDevices}.
 */
final class Fleet {

    private final List<DeviceRef> devices = new ArrayList<>();
    private final List<DeviceRef> emulated = new ArrayList<>();
    private final DeviceHost host;
    private final ExternalDevices external;

    Fleet(Scenario scenario, DeviceHost host, ExternalDevices external) {
        this.host = host;
        this.external = external;
        scenario.emulatedDevices().forEach((id, model) -> emulated.add(new DeviceRef(id, scenario.model(model))));
        devices.addAll(emulated);
        scenario.external().forEach(device -> devices.add(new DeviceRef(device.id(), scenario.model(device.model()))));
    }

    List<DeviceRef> devices() {
        return devices;
    }

    /** The devices CloudCut runs: they report their own connections, sessions and events. */
    List<DeviceRef> emulated() {
        return emulated;
    }

    boolean isExternal(DeviceRef device) {
        return external.has(device.id());
    }

    /** How many devices of each model. */
    Map<String, Integer> devicesByModel() {
        Map<String, Integer> counts = new TreeMap<>();
        devices.forEach(device -> counts.merge(device.model().id(), 1, Integer::sum));
        return counts;
    }

    List<DeviceRef> ofModel(String model) {
        return devices.stream().filter(device -> device.model().id().equals(model)).toList();
    }

    DeviceHost host() {
        return host;
    }

    /** Starts the emulated devices, each with its identity, and opens the external devices' links. */
    Future<Void> deploy(BrokerEndpoint broker, ScenarioClock clock, Function<String, Credentials> identityOf) {
        return Future.all(host.deploy(emulated, broker, clock, identityOf), external.open(broker, clock)).mapEmpty();
    }

    /** Puts exactly these faults on these devices' links; devices not named keep theirs. */
    Future<Void> setLinkFaults(Map<String, List<FaultSpec>> faultsByDevice) {
        Map<String, List<FaultSpec>> onHost = new LinkedHashMap<>();
        Map<String, List<FaultSpec>> onExternal = new LinkedHashMap<>();
        faultsByDevice.forEach((device, faults) -> (external.has(device) ? onExternal : onHost).put(device, faults));
        external.setLinkFaults(onExternal);
        return onHost.isEmpty() ? Future.succeededFuture() : host.setLinkFaults(onHost);
    }

    /**
     * Asks these emulated devices to ask auth for a token again. Nothing waits for their replies: one not asked
     * (not connected, gone quiet) is asked again while it stays without a token, and named if the fleet is not ready.
     */
    void askToSignInAgain(List<String> deviceIds) {
        Set<String> asked = Set.copyOf(deviceIds);
        emulated.stream().filter(device -> asked.contains(device.id())).forEach(device ->
                host.request(device, DeviceAddresses.of(device.id()), DeviceAddresses.signInAgain(), new DeliveryOptions()));
    }

    Future<JsonObject> status(DeviceRef device) {
        if (external.has(device.id())) {
            return Future.succeededFuture(external.status(device.id()));
        }
        return host.request(device, DeviceAddresses.of(device.id()), DeviceAddresses.statusQuestion(), new DeliveryOptions())
                .map(reply -> reply.body());
    }

    /** Where an external device answers this app function, if on a state topic of its own; null: by the cloud's reply. */
    StateProbe stateProbe(DeviceRef device, FunctionSpec function) {
        return external.has(device.id()) ? external.stateProbe(device.id(), function.name()) : null;
    }

    /** The state topics external devices answer app functions on, for the phone app to follow. */
    Set<String> stateTopics() {
        return external.stateTopics();
    }

    /**
     * Starts a function on the device itself, as {@link DeviceAddresses#stimulus} describes it (an
     * external device: by its probe). Completes with what the device did; fails with a
     * {@link Prober.ProbeRefused} when the device said no, or another failure when it did not answer.
     */
    Future<String> stimulate(DeviceRef device, FunctionSpec function, String probeId, Duration timeout) {
        if (external.has(device.id())) {
            return external.stimulate(device.id(), function.name(), probeId, timeout);
        }
        return host.request(device, DeviceAddresses.of(device.id()), DeviceAddresses.stimulus(function.name(), probeId),
                        new DeliveryOptions().setSendTimeout(timeout.toMillis()))
                .transform(reply -> {
                    if (reply.succeeded()) {
                        return Future.succeededFuture(reply.result().body().getString("detail", "ok"));
                    }
                    if (reply.cause() instanceof ReplyException refused
                            && refused.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
                        return Future.failedFuture(new Prober.ProbeRefused(refused.failureCode() == DeviceAddresses.UNPROTECTED
                                ? ProbeOutcome.UNPROTECTED : ProbeOutcome.REFUSED, refused.getMessage()));
                    }
                    return Future.failedFuture("device did not answer within " + timeout.toMillis() + " ms");
                });
    }

    /** Stops every emulated device; each publishes its final event account as it stops. */
    Future<Void> undeploy() {
        return host.undeploy();
    }
}
