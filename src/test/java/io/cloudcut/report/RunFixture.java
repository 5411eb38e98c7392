package io.cloudcut.report;

import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.observation.RunEndedObserved;
import io.cloudcut.observation.RunStartedObserved;
import io.cloudcut.observation.StateObserved;
import io.cloudcut.scenario.CloudSpec;
import io.cloudcut.scenario.DeviceKind;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FleetEntry;
import io.cloudcut.scenario.FunctionPath;
import io.cloudcut.scenario.FunctionRole;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.PhaseKind;
import io.cloudcut.scenario.ProbeSettings;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.TimeScale;
import io.cloudcut.scenario.WireNames;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A made-up run for the verdict rules, no broker: a scenario (models, one device each unless said,
 * phases back to back from time zero) and an observation stream written by hand, round by round.
 */
final class RunFixture {

    private double scale = 3600;

    static final long LATENCY_MILLIS = 5;

    private final Map<String, DeviceModel> models = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final List<Phase> phases = new ArrayList<>();
    private final Map<String, Duration> starts = new LinkedHashMap<>();
    private final List<Observation> observations = new ArrayList<>();
    private Duration end = Duration.ZERO;

    static FunctionSpec function(String name, FunctionPath path, FunctionRole role) {
        return new FunctionSpec(name, path, null, null, role);
    }

    static DeviceModel model(String id, DeviceKind kind, FunctionSpec... functions) {
        // A firmware class name lets a test name functions the built-in firmware does not have (stop, say).
        return new DeviceModel(id, kind, null, "test.Firmware", null, null, null, null, List.of(functions),
                null, null, null, null);
    }

    /** A run of one model: a 1 h baseline where everything worked (2 rounds), then an outage for the test to probe. */
    static RunFixture baselineAndOutage(DeviceModel model, int devices, Duration outage) {
        return new RunFixture().model(model, devices)
                .phase("baseline", PhaseKind.BASELINE, Duration.ofHours(1))
                .phase("outage", PhaseKind.OUTAGE, outage)
                .rounds("baseline", 2, model.id(), all(model, ProbeOutcome.OK));
    }

    /** One device of {@code model} through a 1 h baseline, one round: local functions answering in {@code localMillis}, cloud ones in {@code cloudMillis}. */
    static RunFixture baselineAnswering(DeviceModel model, long localMillis, long cloudMillis) {
        Map<Boolean, Map<String, ProbeOutcome>> byPath = model.functions().stream()
                .collect(Collectors.partitioningBy(FunctionSpec::isLocal, Collectors.toMap(FunctionSpec::name, function -> ProbeOutcome.OK)));
        String device = model.id() + "-1";
        return new RunFixture().model(model, 1).phase("baseline", PhaseKind.BASELINE, Duration.ofHours(1))
                .round("baseline", 0, Duration.ZERO, device, byPath.get(true), localMillis)
                .round("baseline", 0, Duration.ZERO, device, byPath.get(false), cloudMillis);
    }

    /** The run's scale between transitions: 3600x unless told. */
    RunFixture timeScale(double scale) {
        this.scale = scale;
        return this;
    }

    RunFixture model(DeviceModel model, int devices) {
        models.put(model.id(), model);
        counts.put(model.id(), devices);
        return this;
    }

    RunFixture model(DeviceModel model) {
        return model(model, 1);
    }

    /** The next phase, starting where the previous one ended, with its start and end marks. */
    RunFixture phase(String name, PhaseKind kind, Duration duration) {
        phases.add(new Phase(name, kind, duration, null, List.of(), null, null));
        starts.put(name, end);
        observations.add(PhaseObserved.start(end.toMillis(), name, WireNames.of(kind)));
        end = end.plus(duration);
        observations.add(PhaseObserved.end(end.toMillis(), name, WireNames.of(kind), 0, 0, 0));
        return this;
    }

    /** The harness stalled for up to {@code lagMillis} in the phase, as its end mark says. */
    RunFixture harnessStalled(String phase, long lagMillis) {
        return harnessStalled(phase, lagMillis, 0);
    }

    /** The harness stalled for up to {@code lagMillis} in the phase, and scenario time stood still for {@code heldMillis} of it. */
    RunFixture harnessStalled(String phase, long lagMillis, long heldMillis) {
        return endMark(phase, mark -> PhaseObserved.end(mark.atMillis(), phase, mark.kind(), lagMillis, mark.workersLagMaxMillis(),
                heldMillis));
    }

    /** A worker's event loops stalled for up to {@code lagMillis} in the phase, as its end mark says. */
    RunFixture workersStalled(String phase, long lagMillis) {
        return endMark(phase, mark -> PhaseObserved.end(mark.atMillis(), phase, mark.kind(),
                Math.max(lagMillis, mark.harnessLagMaxMillis()), lagMillis, mark.clockHeldMillis()));
    }

    private RunFixture endMark(String phase, UnaryOperator<PhaseObserved> changed) {
        observations.replaceAll(observation -> observation instanceof PhaseObserved mark && mark.phase().equals(phase)
                && !mark.started() ? changed.apply(mark) : observation);
        return this;
    }

    Duration start(String phase) {
        return starts.get(phase);
    }

    /** One round: each function of the device probed at {@code at} (scenario time since the run's origin). */
    RunFixture round(String phase, int round, Duration at, String device, Map<String, ProbeOutcome> outcomes) {
        return round(phase, round, at, device, outcomes, LATENCY_MILLIS);
    }

    RunFixture round(String phase, int round, Duration at, String device, Map<String, ProbeOutcome> outcomes,
                     long latencyMillis) {
        return round(phase, round, false, at, device, outcomes, latencyMillis, 0, 0, 0);
    }

    /** A round whose probes that worked took {@code latencyMillis}, {@code stalledMillis} of it the harness's stalls. */
    RunFixture stalledRound(String phase, int round, Duration at, String device, Map<String, ProbeOutcome> outcomes,
                            long latencyMillis, long stalledMillis) {
        return round(phase, round, false, at, device, outcomes, latencyMillis, stalledMillis, 0, 0);
    }

    /**
     * A round whose probes that worked took {@code latencyMillis}, {@code heldRealMillis} of it held by the cloud on the
     * scenario clock for {@code heldMillis} of scenario time.
     */
    RunFixture heldRound(String phase, int round, Duration at, String device, Map<String, ProbeOutcome> outcomes,
                         long latencyMillis, long heldMillis, long heldRealMillis) {
        return round(phase, round, false, at, device, outcomes, latencyMillis, 0, heldMillis, heldRealMillis);
    }

    /** A round in the phase's settle time: it places changes on the timeline but does not judge the phase. */
    RunFixture settlingRound(String phase, int round, Duration at, String device, Map<String, ProbeOutcome> outcomes) {
        return round(phase, round, true, at, device, outcomes, LATENCY_MILLIS, 0, 0, 0);
    }

    private RunFixture round(String phase, int round, boolean settling, Duration at, String device,
                             Map<String, ProbeOutcome> outcomes, long latencyMillis, long stalledMillis, long heldMillis,
                             long heldRealMillis) {
        String model = modelOf(device);
        outcomes.forEach((function, outcome) -> observations.add(new ProbeObserved(at.toMillis(), phase, round, settling, device,
                model, function, models.get(model).function(function).orElseThrow().isLocal() ? "local" : "cloud",
                outcome, outcome == ProbeOutcome.OK ? latencyMillis : 1500,
                outcome == ProbeOutcome.OK ? stalledMillis : 0, outcome == ProbeOutcome.OK ? heldMillis : 0,
                outcome == ProbeOutcome.OK ? heldRealMillis : 0, outcome.name().toLowerCase())));
        return this;
    }

    /** {@code rounds} rounds spread over the phase from its start, the same outcomes in each, for every device of the model. */
    RunFixture rounds(String phase, int rounds, String model, Map<String, ProbeOutcome> outcomes) {
        Phase spec = phases.stream().filter(p -> p.name().equals(phase)).findFirst().orElseThrow();
        Duration every = spec.duration().dividedBy(rounds);
        for (int round = 0; round < rounds; round++) {
            for (int device = 1; device <= counts.get(model); device++) {
                round(phase, round, starts.get(phase).plus(every.multipliedBy(round)), model + "-" + device, outcomes);
            }
        }
        return this;
    }

    /** The same outcome for every function of the model. */
    static Map<String, ProbeOutcome> all(DeviceModel model, ProbeOutcome outcome) {
        Map<String, ProbeOutcome> outcomes = new LinkedHashMap<>();
        model.functions().forEach(function -> outcomes.put(function.name(), outcome));
        return outcomes;
    }

    RunFixture state(Duration at, String device, String state, boolean atRest) {
        observations.add(new StateObserved(at.toMillis(), device, modelOf(device), state, atRest));
        return this;
    }

    /** The harness's health over a window (the baseline's at 1 h, the run's at 3 h), with one problem when not healthy. */
    static HealthObserved health(HealthObserved.Window window, boolean healthy) {
        return new HealthObserved(window == HealthObserved.Window.BASELINE ? 3_600_000 : 10_800_000, window, 3600, 1, 2, 1, 2,
                40, 10, 0, healthy, healthy ? List.of() : List.of("event-loop lag p99 900 ms"));
    }

    RunFixture observe(Observation observation) {
        observations.add(observation);
        return this;
    }

    RunFixture recovered(String device, Duration after) {
        return observe(new RecoveryObserved(end.toMillis(), device, modelOf(device), true, after.toMillis(), 0,
                after.toMillis() / 3600, after.toMillis() / 7200, "docked", false));
    }

    RunFixture notRecovered(String device, String lastState, boolean needsPerson) {
        return observe(new RecoveryObserved(end.toMillis(), device, modelOf(device), false, 0, 0, 0, null, lastState,
                needsPerson));
    }

    Scenario scenario() {
        List<FleetEntry> fleet = counts.entrySet().stream().map(e -> new FleetEntry(e.getKey(), e.getValue())).toList();
        return new Scenario("made-up", "a run written by hand", null, TimeScale.fixed(scale),
                new ProbeSettings(null, null, null, null, null, null), new CloudSpec(null, Map.of(), false), fleet, phases, models);
    }

    /** The stream as a run writes it: what ran first, then what was seen in time order, then the end (1 s of real time). */
    List<Observation> observations() {
        List<Observation> stream = new ArrayList<>();
        stream.add(RunStartedObserved.of(scenario(), "embedded"));
        observations.stream().sorted(Comparator.comparingLong(Observation::atMillis)).forEach(stream::add);
        stream.add(new RunEndedObserved(end.toMillis(), 1000));
        return stream;
    }

    RunReport report() {
        return RunFold.of(observations()).report();
    }

    private String modelOf(String device) {
        return device.substring(0, device.lastIndexOf('-'));
    }
}
