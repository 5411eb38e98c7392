package io.cloudcut.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A loaded and validated scenario: the fleet, the cloud it depends on, and the timeline of phases, on
 * a scenario clock running {@code timeScale} scenario seconds per real second between transitions
 * (a phase may ask for its own). {@code sources} says where each value is written, to place
 * warnings found once the run's scale is known. {@code expectations} say what a run of it must show
 * ({@code expect:} in the file). {@code external} devices run outside CloudCut, beside the emulated
 * {@code fleet}; their models are in {@code models} too.
 */
public record Scenario(String name, String description, Path file, TimeScale timeScale, ProbeSettings probe,
                       CloudSpec cloud, List<FleetEntry> fleet, List<ExternalDevice> external, List<Phase> phases,
                       Map<String, DeviceModel> models, List<ExpectationSpec> expectations,
                       ScenarioSources sources) {

    public Scenario {
        fleet = List.copyOf(fleet);
        external = List.copyOf(external);
        phases = List.copyOf(phases);
        models = Map.copyOf(models);
        expectations = List.copyOf(expectations);
    }

    /** A scenario built in code rather than read from files: it expects nothing, and its warnings name no line. */
    public Scenario(String name, String description, Path file, TimeScale timeScale, ProbeSettings probe,
                    CloudSpec cloud, List<FleetEntry> fleet, List<Phase> phases, Map<String, DeviceModel> models) {
        this(name, description, file, timeScale, probe, cloud, fleet, List.of(), phases, models, List.of(),
                ScenarioSources.NONE);
    }

    /** Emulated and external devices. */
    public int deviceCount() {
        return fleet.stream().mapToInt(FleetEntry::count).sum() + external.size();
    }

    /** The emulated devices, id to model id: {@code MODEL-N} from 1 in each fleet entry, in the fleet's order. */
    public Map<String, String> emulatedDevices() {
        Map<String, String> devices = new java.util.LinkedHashMap<>();
        fleet.forEach(entry -> {
            for (int n = 1; n <= entry.count(); n++) {
                devices.put(entry.model() + "-" + n, entry.model());
            }
        });
        return devices;
    }

    /**
     * How many devices of each model the run has, emulated and external together, in the order models
     * first appear (the fleet's, then the external devices'): what a report judges by model.
     */
    public List<FleetEntry> devicesByModel() {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        fleet.forEach(entry -> counts.merge(entry.model(), entry.count(), Integer::sum));
        external.forEach(device -> counts.merge(device.model(), 1, Integer::sum));
        return counts.entrySet().stream().map(entry -> new FleetEntry(entry.getKey(), entry.getValue())).toList();
    }

    /** The length of the whole timeline, in scenario time. */
    public Duration duration() {
        return phases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** The models whose devices a link fault reaches: all of a target's, whatever its {@code percent}. */
    public Collection<DeviceModel> modelsBehind(FaultSpec fault) {
        if (fault.devices() != null) {
            return fault.devices().stream().map(device -> device.substring(0, device.lastIndexOf('-'))).distinct()
                    .map(this::model).toList();
        }
        return FaultSpec.ALL_LINKS.equals(fault.link()) ? models().values() : List.of(model(fault.link()));
    }

    public DeviceModel model(String id) {
        DeviceModel model = models.get(id);
        if (model == null) {
            throw new IllegalArgumentException("no model '" + id + "' in scenario " + name);
        }
        return model;
    }

    /** Whether any phase stops or restarts the broker, which only the embedded broker allows. */
    public boolean hasBrokerFaults() {
        return phases.stream().flatMap(phase -> phase.faults().stream()).anyMatch(FaultSpec::targetsBroker);
    }

    /**
     * The same scenario on another time scale; tests use it to shorten a shipped scenario. What its probes' timeout spans
     * in scenario time ({@link #lostAfter}) stays what it is at the scale the scenario is written for.
     */
    public Scenario withTimeScale(TimeScale scale) {
        return new Scenario(name, description, file, scale, probe.withLostAfter(lostAfter()), cloud, fleet, external, phases,
                models, expectations, sources);
    }

    /**
     * How much scenario time a phase's probe waits for an answer through the cloud, beyond its real {@code timeout}:
     * as set, or what that timeout spans at the scale the scenario is written for.
     */
    public Duration lostAfter() {
        return probe.lostAfter() != null ? probe.lostAfter()
                : Duration.ofNanos(Math.round(probe.timeout().toNanos() * timeScale.writtenFor()));
    }

    /** The same scenario with every model on one MQTT client stack, to compare stacks. */
    public Scenario withClient(String stack) {
        Map<String, DeviceModel> onStack = new java.util.LinkedHashMap<>();
        models.forEach((id, model) -> onStack.put(id, model.withClient(stack)));
        return new Scenario(name, description, file, timeScale, probe, cloud, fleet, external, phases, onStack, expectations, sources);
    }

    /**
     * The same fleet through one fault-free baseline of {@code duration} and nothing else, with no
     * expectations (they name the scenario's own phases): a run that only warms the harness up.
     */
    public Scenario baselineOnly(Duration duration) {
        return new Scenario(name, description, file, timeScale, probe, cloud, fleet, external,
                List.of(new Phase("baseline", PhaseKind.BASELINE, duration, null, List.of(), null, null)), models, List.of(), sources);
    }

    /**
     * The same scenario with {@code count} devices of each model; external devices stay as they are. The
     * cloud is resized with the fleet: a throttled service's rate and queue, and an expected bound on events
     * lost in the cloud, are written for the scenario's own fleet, so they are multiplied by the ratio of the
     * fleets ({@link #fleetFactor}). 750 devices of each of {@code kinesis-2020}'s six models meet the cloud
     * its 15 devices met, 300 times as large, rather than 15 devices' worth of it.
     */
    public Scenario withDevicesPerModel(int count) {
        double factor = fleetFactor(count);
        List<FleetEntry> resized = fleet.stream().map(entry -> new FleetEntry(entry.model(), count)).toList();
        return new Scenario(name, description, file, timeScale, probe, cloud, resized, external,
                phases.stream().map(phase -> phase.forFleetTimes(factor)).toList(), models,
                expectations.stream().map(expectation -> expectation.forFleetTimes(factor)).toList(), sources);
    }

    /** How many times its own fleet (emulated and external) the fleet with {@code count} devices of each model is. */
    public double fleetFactor(int count) {
        return deviceCount() == 0 ? 1 : (double) (fleet.size() * count + external.size()) / deviceCount();
    }
}
