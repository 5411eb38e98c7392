package io.cloudcut.harness;

import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.device.DeviceAddresses;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.scenario.FaultSpec;
import io.cloudcut.scenario.FleetEntry;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.TreeMap;

/**
 * The devices of a run: one verticle each, each reaching the broker through its own link of a fault
 * proxy, wherever its {@link DeviceHost} runs them.
 */
final class Fleet {

    private final List<DeviceRef> devices = new ArrayList<>();
    private final DeviceHost host;

    Fleet(Scenario scenario, DeviceHost host) {
        this.host = host;
        for (FleetEntry entry : scenario.fleet()) {
            for (int n = 1; n <= entry.count(); n++) {
                devices.add(new DeviceRef(entry.model() + "-" + n, scenario.model(entry.model())));
            }
        }
    }

    List<DeviceRef> devices() {
        return devices;
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

    Future<Void> deploy(BrokerEndpoint broker, ScenarioClock clock, Function<String, Credentials> identityOf) {
        return host.deploy(devices, broker, clock, identityOf);
    }

    /** Puts exactly these faults on these devices' links; devices not named keep theirs. */
    Future<Void> setLinkFaults(Map<String, List<FaultSpec>> faultsByDevice) {
        return faultsByDevice.isEmpty() ? Future.succeededFuture() : host.setLinkFaults(faultsByDevice);
    }

    Future<JsonObject> status(DeviceRef device) {
        return host.request(device, DeviceAddresses.status(device.id()), new JsonObject(), new DeliveryOptions())
                .map(reply -> reply.body());
    }

    /** A stimulus on the device itself, as {@link DeviceAddresses#stimulus} describes it. */
    Future<Message<JsonObject>> stimulate(DeviceRef device, JsonObject stimulus, DeliveryOptions options) {
        return host.request(device, DeviceAddresses.stimulus(device.id()), stimulus, options);
    }

    /** Stops every device; each publishes its final event account as it stops. */
    Future<Void> undeploy() {
        return host.undeploy();
    }
}
