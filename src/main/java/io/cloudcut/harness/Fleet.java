package io.cloudcut.harness;

import io.cloudcut.device.DeviceAddresses;
import io.cloudcut.device.DeviceVerticle;
import io.cloudcut.fault.FaultProxy;
import io.cloudcut.fault.Link;
import io.cloudcut.scenario.FleetEntry;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The devices of a run: one verticle each, each reaching the broker through its own link of the fault proxy. */
final class Fleet {

    private final List<DeviceRef> devices = new ArrayList<>();
    private final Map<String, String> deployments = new LinkedHashMap<>();

    Fleet(Scenario scenario) {
        for (FleetEntry entry : scenario.fleet()) {
            for (int n = 1; n <= entry.count(); n++) {
                devices.add(new DeviceRef(entry.model() + "-" + n, scenario.model(entry.model())));
            }
        }
    }

    List<DeviceRef> devices() {
        return devices;
    }

    List<DeviceRef> ofModel(String model) {
        return devices.stream().filter(device -> device.model().id().equals(model)).toList();
    }

    Future<Void> deploy(Vertx vertx, FaultProxy proxy, ScenarioClock clock) {
        List<Future<String>> started = new ArrayList<>();
        for (DeviceRef device : devices) {
            Link link = proxy.openLink(device.id());
            started.add(vertx.deployVerticle(new DeviceVerticle(device.id(), device.model(), link.host(), link.port(), clock))
                    .onSuccess(id -> deployments.put(device.id(), id)));
        }
        return Future.all(started).mapEmpty();
    }

    Future<JsonObject> status(Vertx vertx, DeviceRef device) {
        return vertx.eventBus().<JsonObject>request(DeviceAddresses.status(device.id()), new JsonObject())
                .map(reply -> reply.body());
    }

    /** Stops every device; each publishes its final event account as it stops. */
    Future<Void> undeploy(Vertx vertx) {
        List<Future<Void>> stopped = new ArrayList<>();
        deployments.values().forEach(id -> stopped.add(vertx.undeploy(id)));
        return Future.join(stopped).mapEmpty();
    }
}
