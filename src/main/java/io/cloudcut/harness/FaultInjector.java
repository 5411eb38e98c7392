package io.cloudcut.harness;

import io.cloudcut.cloud.CloudControl;
import io.cloudcut.fault.FaultProxy;
import io.cloudcut.fault.Link;
import io.cloudcut.fault.LinkFaults;
import io.cloudcut.observation.FaultObserved;
import io.cloudcut.observation.ServiceObserved;
import io.cloudcut.scenario.FaultSpec;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Puts links and cloud services into the state a phase's faults describe. Going from one phase to
 * the next changes only what differs, so that a service down in two consecutive outage phases never
 * comes up for an instant between them.
 */
final class FaultInjector {

    private final FaultProxy proxy;
    private final CloudControl cloud;
    private final Fleet fleet;
    private final ObservationLog log;
    private final ScenarioClock clock;
    private List<FaultSpec> active = List.of();
    private Map<String, String> linkFaults = Map.of();
    private Map<String, String> servicesDown = Map.of();

    FaultInjector(FaultProxy proxy, CloudControl cloud, Fleet fleet, ObservationLog log, ScenarioClock clock) {
        this.proxy = proxy;
        this.cloud = cloud;
        this.fleet = fleet;
        this.log = log;
        this.clock = clock;
    }

    /** Makes exactly these faults active (none: everything healthy). */
    Future<Void> enter(List<FaultSpec> faults) {
        Map<String, String> wantedLinks = new HashMap<>();
        List<String> faultedServices = new ArrayList<>();
        for (FaultSpec fault : faults) {
            if (fault.targetsService()) {
                faultedServices.add(fault.service());
            } else {
                devicesOf(fault.link()).forEach(device -> wantedLinks.put(device.id(), fault.fault()));
            }
        }
        for (DeviceRef device : fleet.devices()) {
            String now = linkFaults.get(device.id());
            String wanted = wantedLinks.get(device.id());
            if (!Objects.equals(now, wanted)) {
                Link link = proxy.link(device.id());
                if (wanted == null) {
                    link.restore();
                } else {
                    link.apply(LinkFaults.named(wanted));
                }
            }
        }
        linkFaults = wantedLinks;
        active.stream().filter(fault -> !faults.contains(fault))
                .forEach(fault -> log.add(new FaultObserved(now(), fault.toString(), !fault.targetsService(), false, targets(fault))));
        faults.stream().filter(fault -> !active.contains(fault))
                .forEach(fault -> log.add(new FaultObserved(now(), fault.toString(), !fault.targetsService(), true, targets(fault))));
        active = List.copyOf(faults);
        return setServicesDown(faultedServices);
    }

    private Future<Void> setServicesDown(List<String> faulted) {
        return cloud.setFaulted(faulted).map(down -> {
            Map<String, String> before = servicesDown;
            down.forEach((service, cause) -> {
                if (!before.containsKey(service)) {
                    log.add(new ServiceObserved(now(), service, false, cause));
                }
            });
            before.keySet().stream().filter(service -> !down.containsKey(service))
                    .forEach(service -> log.add(new ServiceObserved(now(), service, true, null)));
            servicesDown = new LinkedHashMap<>(down);
            return null;
        });
    }

    private int targets(FaultSpec fault) {
        return fault.targetsService() ? 1 : devicesOf(fault.link()).size();
    }

    private List<DeviceRef> devicesOf(String target) {
        return FaultSpec.ALL_LINKS.equals(target) ? fleet.devices() : fleet.ofModel(target);
    }

    private long now() {
        return clock.now().toMillis();
    }
}
