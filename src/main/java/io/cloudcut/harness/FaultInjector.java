package io.cloudcut.harness;

import io.cloudcut.cloud.CloudControl;
import io.cloudcut.cloud.ServiceCondition;
import io.cloudcut.observation.FaultObserved;
import io.cloudcut.observation.ServiceObserved;
import io.cloudcut.scenario.FaultSpec;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Puts links and cloud services into the state a phase's faults describe. Going from one phase to
 * the next changes only what differs, so that a service down in two consecutive outage phases never
 * comes up for an instant between them.
 */
final class FaultInjector {

    private final CloudControl cloud;
    private final BrokerFaults brokerFaults;
    private final CertificateFaults certificateFaults;
    private final Fleet fleet;
    private final FaultedConnections connections;
    private final ObservationLog log;
    private final ScenarioClock clock;
    private List<FaultSpec> active = List.of();
    private Map<String, List<FaultSpec>> linkFaults = Map.of();
    private Map<String, ServiceCondition> servicesNotUp = Map.of();

    FaultInjector(CloudControl cloud, BrokerFaults brokerFaults, CertificateFaults certificateFaults, Fleet fleet,
                  FaultedConnections connections, ObservationLog log, ScenarioClock clock) {
        this.brokerFaults = brokerFaults;
        this.certificateFaults = certificateFaults;
        this.cloud = cloud;
        this.fleet = fleet;
        this.connections = connections;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Makes exactly these faults active (none: everything healthy), blocking until they are. What cuts goes
     * first and what heals goes last: the broker stopping, certificates lapsing and links getting faults, then
     * the cloud services, then links healing, certificates renewed and the broker starting. So no device meets
     * the new phase's network with the old phase's cloud. With the links healed first, a device of 1,000 that
     * came back before ingest did delivered its offline buffer to an ingest still down, and 10 of its events
     * read as lost in the cloud.
     * <p>
     * A fault is recorded only over time when its target surely had it: applied once it is set, ended before
     * it is lifted. A device back within the heal's own round trip then reconnects after the recorded end; with
     * the end recorded once the heal was done, a CI run saw no vacuum of a model reconnect at all.
     * <p>
     * The devices whose connections the faults touch are marked faulted before anything changes, and only those the new
     * faults still touch once everything has ({@link FaultedConnections}).
     */
    void enter(List<FaultSpec> faults) throws InfrastructureException {
        Optional<FaultSpec> brokerFault = faults.stream().filter(FaultSpec::targetsBroker).findFirst();
        List<FaultSpec> before = active;
        active = List.copyOf(faults);
        Map<String, List<FaultSpec>> wantedLinks = new HashMap<>();
        Map<String, ServiceCondition> faultedServices = new LinkedHashMap<>();
        Set<String> lapsedCertificates = new HashSet<>();
        for (FaultSpec fault : faults) {
            if (fault.targetsService()) {
                faultedServices.put(fault.service(), ServiceCondition.of(fault));
            } else if (fault.onDevices()) {
                devicesOf(fault).forEach(device -> lapsedCertificates.add(device.id()));
            } else if (fault.targetsLinks()) {
                devicesOf(fault).forEach(device -> wantedLinks.computeIfAbsent(device.id(), id -> new ArrayList<>()).add(fault));
            }
        }
        Set<String> faultedConnections = new HashSet<>(wantedLinks.keySet());
        faultedConnections.addAll(lapsedCertificates);
        if (brokerFault.isPresent()) {
            fleet.devices().forEach(device -> faultedConnections.add(device.id()));
        }
        connections.faulted(faultedConnections);
        if (brokerFault.isPresent()) {
            logReverted(before, FaultSpec::targetsBroker);
            brokerFaults.enter(brokerFault);
            logApplied(before, FaultSpec::targetsBroker);
        }
        LinkChanges links = changesTo(wantedLinks);
        linkFaults = wantedLinks;
        Predicate<FaultSpec> onDevicesOrLinks = fault -> fault.onDevices() || fault.targetsLinks();
        // Before the links change: a device that a link fault of the same phase disconnects meets its lapsed certificate.
        Waits.await(certificateFaults.lapseAlso(lapsedCertificates), "lapsing device certificates");
        Waits.await(fleet.setLinkFaults(links.faulted()), "setting link faults");
        // Recorded once the links are faulted: on a worker that is an event-bus round trip after the ask.
        logApplied(before, onDevicesOrLinks);
        Waits.await(setServicesDown(faultedServices), "setting the cloud services' conditions");
        logReverted(before, FaultSpec::targetsService);
        logApplied(before, FaultSpec::targetsService);
        logReverted(before, onDevicesOrLinks);
        Waits.await(fleet.setLinkFaults(links.healed()), "healing links");
        Waits.await(certificateFaults.lapseExactly(lapsedCertificates), "renewing device certificates");
        if (brokerFault.isEmpty()) {
            logReverted(before, FaultSpec::targetsBroker);
            brokerFaults.enter(brokerFault);
        }
        connections.faultedExactly(faultedConnections, System.nanoTime());
    }

    /** The links whose faults change, apart: those that still have some after the change, and those healed. */
    private record LinkChanges(Map<String, List<FaultSpec>> faulted, Map<String, List<FaultSpec>> healed) {
    }

    private LinkChanges changesTo(Map<String, List<FaultSpec>> wantedLinks) {
        LinkChanges changes = new LinkChanges(new LinkedHashMap<>(), new LinkedHashMap<>());
        for (DeviceRef device : fleet.devices()) {
            List<FaultSpec> wanted = wantedLinks.getOrDefault(device.id(), List.of());
            if (!linkFaults.getOrDefault(device.id(), List.of()).equals(wanted)) {
                (wanted.isEmpty() ? changes.healed() : changes.faulted()).put(device.id(), wanted);
            }
        }
        return changes;
    }

    private void logReverted(List<FaultSpec> before, Predicate<FaultSpec> kind) {
        before.stream().filter(kind).filter(fault -> !active.contains(fault)).forEach(fault -> logFault(fault, false));
    }

    private void logApplied(List<FaultSpec> before, Predicate<FaultSpec> kind) {
        active.stream().filter(kind).filter(fault -> !before.contains(fault)).forEach(fault -> logFault(fault, true));
    }

    private void logFault(FaultSpec fault, boolean applied) {
        log.add(new FaultObserved(now(), fault.toString(), fault.targetsLinks(), applied, targets(fault), fault.targetsBroker()));
    }

    private Future<Void> setServicesDown(Map<String, ServiceCondition> faulted) {
        return cloud.setFaulted(faulted).map(notUp -> {
            Map<String, ServiceCondition> before = servicesNotUp;
            notUp.forEach((service, condition) -> {
                if (!condition.equals(before.get(service))) {
                    log.add(new ServiceObserved(now(), service, condition.observed(), condition.cause()));
                }
            });
            before.keySet().stream().filter(service -> !notUp.containsKey(service))
                    .forEach(service -> log.add(new ServiceObserved(now(), service, ServiceObserved.Condition.UP, null)));
            servicesNotUp = new LinkedHashMap<>(notUp);
            return null;
        });
    }

    private int targets(FaultSpec fault) {
        return fault.targetsLinks() ? devicesOf(fault).size() : 1;
    }

    /** The devices a link fault targets: a model's or all, or those listed; the first {@code percent} of them. */
    private List<DeviceRef> devicesOf(FaultSpec fault) {
        List<DeviceRef> chosen;
        if (fault.devices() != null) {
            chosen = fleet.devices().stream().filter(device -> fault.devices().contains(device.id())).toList();
        } else {
            chosen = FaultSpec.ALL_LINKS.equals(fault.link()) ? fleet.devices() : fleet.ofModel(fault.link());
        }
        if (fault.percent() == null) {
            return chosen;
        }
        return chosen.subList(0, (int) Math.ceil(chosen.size() * fault.percent() / 100.0));
    }

    private long now() {
        return clock.now().toMillis();
    }
}
