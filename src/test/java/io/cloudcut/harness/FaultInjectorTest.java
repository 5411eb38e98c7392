package io.cloudcut.harness;

import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.cloud.CloudControl;
import io.cloudcut.cloud.ServiceGraph;
import io.cloudcut.fault.LinkFailure;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.observation.FaultObserved;
import io.cloudcut.observation.RunStartedObserved;
import io.cloudcut.scenario.CloudSpec;
import io.cloudcut.scenario.FaultSpec;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.testing.ObservationRecorder;
import io.cloudcut.testing.Project;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a link fault is recorded against when the links change: its window must hold only time when every
 * link it names surely had it, or a device back within the heal's own round trip reads as connected during
 * the outage and not as reconnected after it (a CI run counted no reconnect for either vacuum of a model).
 */
class FaultInjectorTest {

    private final Vertx vertx = Vertx.vertx();
    private final ScenarioClock clock = ScenarioClock.stopped();
    private final ObservationLog log = new ObservationLog();
    private final ObservationRecorder recorder = new ObservationRecorder();
    private final FaultedConnections connections = new FaultedConnections();

    @AfterEach
    void stop() {
        clock.close();
        vertx.close().await();
    }

    @Test
    void aLinkFaultIsRecordedAfterTheLinksHaveItAndItsEndBeforeTheyAreHealed() throws Exception {
        Scenario scenario = Scenarios.loader(Project.root()).load(Project.file("scenarios/short-outage.yaml"));
        List<FaultSpec> outage = scenario.phases().get(1).faults();
        RecordingHost host = new RecordingHost();
        log.add(RunStartedObserved.of(scenario, "embedded"));
        log.watch(recorder);
        FaultInjector injector = new FaultInjector(
                new CloudControl(vertx, new ServiceGraph(new CloudSpec(Path.of("no-services.yaml"), Map.of(), false))),
                new BrokerFaults(vertx, null, clock, log, null), new CertificateFaults(null, host),
                new Fleet(scenario, host, new ExternalDevices(vertx, List.of())), connections, log, clock);

        injector.enter(outage);
        assertThat(scenario.emulatedDevices().keySet()).as("faulted connections while the blackhole is on")
                .noneMatch(device -> connections.unfaultedFor(device, 0, System.nanoTime()));
        injector.enter(List.of());
        assertThat(scenario.emulatedDevices().keySet()).as("healed, and no longer faulted once it is lifted")
                .allMatch(device -> connections.unfaultedFor(device, 0, System.nanoTime()))
                .noneMatch(device -> connections.unfaultedFor(device, Duration.ofMinutes(1).toNanos(), System.nanoTime()));

        assertThat(host.changes).hasSize(2);
        LinkChange faulted = host.changes.get(0);
        assertThat(faulted.faultsByDevice()).hasSize(scenario.emulatedDevices().size())
                .allSatisfy((device, faults) -> assertThat(faults).singleElement().matches(FaultSpec::targetsLinks));
        assertThat(faulted.faultsAlreadyRecorded()).as("the blackhole recorded before any link had it").isEmpty();
        assertThat(faulted.unfaulted()).as("every device marked faulted before its link has the fault").isEmpty();
        LinkChange healed = host.changes.get(1);
        assertThat(healed.faultsByDevice()).hasSize(scenario.emulatedDevices().size())
                .allSatisfy((device, faults) -> assertThat(faults).isEmpty());
        assertThat(healed.faultsAlreadyRecorded()).as("the blackhole's end, recorded before the links heal")
                .filteredOn(FaultObserved::onLinks).extracting(FaultObserved::applied).containsExactly(true, false);
        assertThat(healed.unfaulted()).as("still faulted while the links heal").isEmpty();
        assertThat(recorder.only(FaultObserved.class)).filteredOn(FaultObserved::onLinks).hasSize(2);
    }

    /** A link change asked of the devices' host, with the faults the log held when it was asked. */
    private record LinkChange(Map<String, List<FaultSpec>> faultsByDevice, List<FaultObserved> faultsAlreadyRecorded,
                              List<String> unfaulted) {
    }

    /** Devices that only take link changes and certificates, noting when each change was asked for. */
    private final class RecordingHost implements DeviceHost {

        private final List<LinkChange> changes = new ArrayList<>();

        @Override
        public Future<Void> setLinkFaults(Map<String, List<FaultSpec>> faultsByDevice) {
            if (!faultsByDevice.isEmpty()) {
                changes.add(new LinkChange(Map.copyOf(faultsByDevice), recorder.only(FaultObserved.class),
                        faultsByDevice.keySet().stream().filter(device -> connections.unfaultedFor(device, 0, System.nanoTime())).toList()));
            }
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> present(Map<String, byte[]> certificates) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> deploy(List<DeviceRef> devices, BrokerEndpoint broker, ScenarioClock clock,
                                   Function<String, Credentials> identityOf) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Message<JsonObject>> request(DeviceRef device, String address, JsonObject body,
                                                   DeliveryOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<List<LinkFailure>> linkFailures() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<List<HarnessMonitor.Figures>> otherProcesses(Duration stretch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<BrokerWaits> brokerWaits() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Void> undeploy() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean inThisProcess() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
