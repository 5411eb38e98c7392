package io.cloudcut.harness;

import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.fault.LinkFailure;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.scenario.FaultSpec;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.Map;

/**
 * Where a run's devices live, each behind its own link of a fault proxy: in this process
 * ({@link LocalDevices}) or spread over the workers of a cluster ({@link WorkerDevices}). Whichever it
 * is, devices are reached by their event-bus addresses and report on the event bus.
 */
interface DeviceHost {

    /**
     * Starts every device on its own link to the broker, connecting as {@code identityOf} its id.
     * Before the clock starts, it stands at zero.
     */
    Future<Void> deploy(List<DeviceRef> devices, BrokerEndpoint broker, ScenarioClock clock,
                        Function<String, Credentials> identityOf);

    /**
     * Asks a device at one of its {@link io.cloudcut.device.DeviceAddresses}: the device's own answer,
     * its refusal (a {@link io.vertx.core.eventbus.ReplyException} with its failure code), or a time-out.
     */
    Future<Message<JsonObject>> request(DeviceRef device, String address, JsonObject body, DeliveryOptions options);

    /** Puts exactly these faults on these devices' links (an empty list: a healthy link). */
    Future<Void> setLinkFaults(Map<String, List<FaultSpec>> faultsByDevice);

    /**
     * Hands re-issued client certificates (DER encoded, by device) to the devices that present them,
     * from their next handshake on; devices whose keys are in this process have theirs already.
     */
    Future<Void> present(Map<String, byte[]> certificates);

    /** The devices' links whose own code failed (each restarted by its proxy), wherever they run. */
    Future<List<LinkFailure>> linkFailures();

    /**
     * The harness figures of the other processes hosting devices, over the last {@code stretch} of
     * real time: none when every device runs here.
     */
    Future<List<HarnessMonitor.Figures>> otherProcesses(Duration stretch);

    /** How long devices have waited on the broker now, wherever they run. */
    Future<BrokerWaits> brokerWaits();

    /** Stops every device; each publishes its final event account as it stops. */
    Future<Void> undeploy();

    /** Whether the devices run in this process: what their client libraries did here is theirs. */
    boolean inThisProcess();

    /** Releases what the devices were reached through (proxies, workers); idempotent. */
    void close();
}
