package io.cloudcut.harness;

import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.report.BaselineLatency;
import io.cloudcut.scenario.FaultSpec;
import io.cloudcut.scenario.FunctionPath;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.PhaseKind;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ServiceFault;
import io.cloudcut.scenario.WireNames;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Whether the baseline can tell the scenario's slow cloud services from its own latency. A cloud function reads
 * DEGRADED for latency only once its median grows past what its baseline hides (twice its median and its jitter,
 * the report's rule), and a harness under load widens that: at 1,000 devices at {@code auto}, {@code slow-cloud}'s
 * 500 ms a request hid in a baseline that hid 1.1 s, and most cloud functions read KEPT through it. When the baseline
 * hides as much as the least a slow service adds, the run is refused before the outage, as an unhealthy one is.
 */
final class LatencyResolution {

    private static final String CLOUD = WireNames.of(FunctionPath.CLOUD);

    /** The slow service fault that adds the least, if the scenario has one. */
    private final Optional<FaultSpec> leastSlow;
    private final Map<String, BaselineLatency> byFunction = new ConcurrentHashMap<>();

    private LatencyResolution(Optional<FaultSpec> leastSlow) {
        this.leastSlow = leastSlow;
    }

    /** From now on, counts the baseline's cloud probes, if the scenario has slow services to tell apart. */
    static LatencyResolution watching(Scenario scenario, ObservationLog log) {
        LatencyResolution resolution = new LatencyResolution(leastSlow(scenario));
        if (resolution.leastSlow.isPresent()) {
            Set<String> baselines = scenario.phases().stream().filter(phase -> phase.kind() == PhaseKind.BASELINE)
                    .map(Phase::name).collect(Collectors.toSet());
            log.watch(observation -> {
                if (observation instanceof ProbeObserved probe && probe.path().equals(CLOUD) && baselines.contains(probe.phase())) {
                    resolution.byFunction.computeIfAbsent(probe.model() + " " + probe.function(), function -> new BaselineLatency())
                            .add(probe);
                }
            });
        }
        return resolution;
    }

    /** The scenario's slow service fault that adds the least a request, if it has one. */
    static Optional<FaultSpec> leastSlow(Scenario scenario) {
        return scenario.phases().stream().flatMap(phase -> phase.faults().stream())
                .filter(fault -> fault.is(ServiceFault.SLOW)).min(Comparator.comparing(FaultSpec::latency));
    }

    /** Why the baseline cannot tell the least slow service apart, if it cannot. */
    Optional<String> problem() {
        if (leastSlow.isEmpty()) {
            return Optional.empty();
        }
        long adds = leastSlow.get().latency().toMillis();
        return byFunction.entrySet().stream().max(Comparator.comparingLong(function -> function.getValue().slowdownHiddenMillis()))
                .filter(coarsest -> coarsest.getValue().slowdownHiddenMillis() >= adds)
                .map(coarsest -> String.format(HealthObserved.HIDES_A_SLOWDOWN + " of up to %d ms (%s: %s at p50/p95), "
                                + "not less than the %d ms that %s adds: a function it slows would read KEPT for the harness's "
                                + "latency, not the devices'; %s", coarsest.getValue().slowdownHiddenMillis(), coarsest.getKey(),
                        coarsest.getValue().latencies(), adds, leastSlow.get(), HealthCheck.REMEDY));
    }
}
