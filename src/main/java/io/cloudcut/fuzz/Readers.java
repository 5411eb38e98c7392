package io.cloudcut.fuzz;

import io.cloudcut.cloud.CloudControl;
import io.cloudcut.device.DeviceAddresses;
import io.cloudcut.harness.InfrastructureException;
import io.cloudcut.harness.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The readers of fuzzed topics, devices and services, and what each has received and rejected so far, by its status. */
final class Readers {

    /** Messages a reader received, and of those the ones it rejected as malformed. */
    record Counts(long received, long rejected) {

        Counts since(Counts before) {
            return new Counts(received - before.received, rejected - before.rejected);
        }
    }

    private final Vertx vertx;
    private final CloudControl cloud;
    private final List<FuzzedDevice> devices;

    Readers(Vertx vertx, CloudControl cloud, List<FuzzedDevice> devices) {
        this.vertx = vertx;
        this.cloud = cloud;
        this.devices = List.copyOf(devices);
    }

    /** By reader: a device id, or {@code service:<name>}. */
    Map<String, Counts> now() throws InfrastructureException {
        Map<String, Counts> now = new HashMap<>();
        for (FuzzedDevice device : devices) {
            JsonObject status = status(device);
            now.put(device.id(), new Counts(status.getLong("messagesReceived"), status.getLong("malformedMessages")));
        }
        Waits.await(cloud.messagesByService(), "asking the cloud services for their counts").forEach((service, counts) ->
                now.put(Target.SERVICE + service, new Counts(counts.received(), counts.malformed())));
        return now;
    }

    JsonObject status(FuzzedDevice device) throws InfrastructureException {
        return Waits.await(vertx.eventBus().<JsonObject>request(DeviceAddresses.of(device.id()), DeviceAddresses.statusQuestion())
                .map(reply -> reply.body()), "asking " + device.id() + " for its status");
    }
}
