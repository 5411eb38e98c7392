package io.cloudcut.report;

import io.cloudcut.observation.CloudReceivedObserved;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.EventsObserved;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.RunEndedObserved;
import io.cloudcut.observation.RunStartedObserved;
import io.cloudcut.observation.ServiceObserved;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FleetEntry;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.PhaseKind;
import io.cloudcut.scenario.WireNames;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The verdict rules: turns a run's observations into its report. Nothing here reads a policy out of
 * a model file; every verdict comes from what the probes saw. The rules live in small classes:
 * {@link FunctionVerdicts} (a function in a phase: {@code KEPT}, {@code DEGRADED}, {@code LOST}),
 * {@link Ladder} (a model in a stretch of the outage: one rung of {@link ModelVerdict}),
 * {@link OutageJudgement} (a model's rung per outage phase, its headline and its timeline) and
 * {@link Recoveries} (each device after the outage). They read a run's observations as
 * {@link RunFold} folded them.
 */
final class Verdicts {

    private Verdicts() {
    }

    /**
     * The report of a run from its observations alone: the stream began with what ran
     * ({@link RunStartedObserved}) and ended with the run ({@link RunEndedObserved}).
     *
     * @throws IllegalArgumentException when the stream lacks its end
     */
    static RunReport report(RunFold fold) {
        RunStartedObserved run = fold.started();
        RunEndedObserved ended = Optional.ofNullable(fold.ended())
                .orElseThrow(() -> new IllegalArgumentException("the observations stop before the run ended (no run-ended observation)"));
        HarnessReport harness = Harness.report(run.timeScale(), fold.healthFigures(), fold.clock());
        ClockPace pace = new ClockPace(fold.clock(), harness.run() == null ? 0 : harness.run().lagP99Millis());
        List<OutagePhases.Window> outage = OutagePhases.of(run.phasesOf(PhaseKind.OUTAGE), fold.phaseMarks(),
                fold.probedInPhase());
        Map<String, DeviceModel> byId = run.modelsById();
        List<ModelReport> models = new ArrayList<>();
        for (FleetEntry entry : run.fleet()) {
            models.add(modelReport(run, byId.get(entry.model()), entry.count(), outage, fold, pace));
        }
        Set<String> baselines = Set.copyOf(run.phasesOf(PhaseKind.BASELINE));
        return new RunReport(run.scenario(), run.description(), run.broker(), harness.timeScale(),
                ended.wallMillis() / 1000.0, ended.interrupted(), phases(run, fold.phaseMarks()), services(fold.services()),
                models, harness.withSlowdownHidden(FunctionVerdicts.slowdownHidden(models, baselines)), List.of());
    }

    private static ModelReport modelReport(RunStartedObserved run, DeviceModel model, int devices,
                                           List<OutagePhases.Window> outage, RunFold fold, ClockPace pace) {
        ModelProbes probes = fold.probes(model.id());
        Map<String, PhaseCounts> baseline = new LinkedHashMap<>();
        List<FunctionReport> functions = new ArrayList<>();
        for (FunctionSpec function : model.functions()) {
            PhaseCounts inBaseline = probes.baseline(function.name());
            baseline.put(function.name(), inBaseline);
            functions.add(functionReport(run, function, probes, inBaseline, fold.phaseMarks()));
        }
        OutageJudgement.Result judged = OutageJudgement.judge(new Ladder(model, baseline, fold.states(), fold.devices()),
                outage, probes);
        List<ConnectionObserved> connections = connections(model.id(), fold);
        List<EventsObserved> events = fold.events().stream().filter(e -> e.model().equals(model.id())).toList();
        return new ModelReport(model.id(), WireNames.of(model.kind()), model.client(), devices, judged.headline(),
                judged.phases(), judged.timeline(), functions,
                Detections.of(fold.faults(), connections,
                        fold.phaseMarks().stream().filter(PhaseObserved::started).map(PhaseObserved::atMillis).toList(), pace),
                Recoveries.of(fold.recoveries().stream().filter(r -> r.model().equals(model.id())).toList(), connections),
                Reconnects.of(fold.faults(), fold.services(), fold.linkReopenings(), connections, events, pace)
                        .withConnectsLeftWaiting(fold.connectsStuck().stream()
                                .filter(stuck -> stuck.model().equals(model.id())).toList()),
                events(events, fold), sessions(model.id(), fold));
    }

    /**
     * Per phase, the function's counts and verdict once the phase's settle time is over; its own
     * verdict is the worst of the outage phases it was probed in.
     */
    private static FunctionReport functionReport(RunStartedObserved run, FunctionSpec function, ModelProbes probes,
                                                 PhaseCounts baseline, List<PhaseObserved> marks) {
        List<String> outagePhases = run.phasesOf(PhaseKind.OUTAGE);
        Map<String, PhaseCounts> byPhase = new LinkedHashMap<>();
        for (RunStartedObserved.PhasePlan phase : run.phases()) {
            byPhase.put(phase.name(), probes.settled(function.name(), phase.name())
                    .judged(baseline, function.role(), OutagePhases.workersLag(marks, phase.name())));
        }
        FunctionVerdict worstOutage = outagePhases.stream().map(byPhase::get).map(PhaseCounts::verdict)
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        return new FunctionReport(function.name(), WireNames.of(function.path()), byPhase, worstOutage,
                probes.lastFailure(function.name()));
    }

    /** The model's connection changes, in the order observed. */
    private static List<ConnectionObserved> connections(String model, RunFold fold) {
        return fold.connections().stream().filter(c -> c.model().equals(model)).toList();
    }

    /** {@code mine}: the model's own accounts of its events. */
    private static EventsReport events(List<EventsObserved> mine, RunFold fold) {
        Set<String> devices = mine.stream().map(EventsObserved::device).collect(Collectors.toSet());
        List<CloudReceivedObserved> received = fold.received().stream().filter(r -> devices.contains(r.device())).toList();
        Map<String, Long> dropped = new TreeMap<>();
        mine.forEach(e -> e.dropped().forEach((reason, count) -> dropped.merge(reason, count, Long::sum)));
        return new EventsReport(mine.stream().mapToLong(EventsObserved::generated).sum(),
                mine.stream().mapToLong(EventsObserved::delivered).sum(),
                mine.stream().mapToLong(EventsObserved::buffered).sum(), dropped,
                received.stream().mapToLong(CloudReceivedObserved::unique).sum(),
                received.stream().mapToLong(CloudReceivedObserved::duplicates).sum(),
                received.stream().mapToLong(CloudReceivedObserved::reordered).sum(),
                mine.stream().mapToLong(EventsObserved::malformed).sum());
    }

    private static List<ModelReport.SessionChange> sessions(String model, RunFold fold) {
        List<ModelReport.SessionChange> changes = new ArrayList<>();
        fold.sessions(model).forEach((change, seen) -> changes.add(new ModelReport.SessionChange(change, seen.devices(),
                seen.firstAtMillis() / 1000.0)));
        return changes;
    }

    private static List<RunReport.PhaseReport> phases(RunStartedObserved run, List<PhaseObserved> marks) {
        List<RunReport.PhaseReport> phases = new ArrayList<>();
        for (RunStartedObserved.PhasePlan phase : run.phases()) {
            double start = marks.stream().filter(m -> m.phase().equals(phase.name()) && m.started())
                    .mapToLong(PhaseObserved::atMillis).findFirst().orElse(0) / 1000.0;
            double end = marks.stream().filter(m -> m.phase().equals(phase.name()) && !m.started())
                    .mapToLong(PhaseObserved::atMillis).findFirst().orElse(0) / 1000.0;
            phases.add(new RunReport.PhaseReport(phase.name(), WireNames.of(phase.kind()), start, end, phase.faults(),
                    OutagePhases.harnessLag(marks, phase.name()), OutagePhases.clockHeld(marks, phase.name())));
        }
        return phases;
    }

    private static List<RunReport.ServiceChange> services(List<ServiceObserved> observed) {
        List<RunReport.ServiceChange> changes = new ArrayList<>();
        Map<String, ServiceObserved> since = new LinkedHashMap<>();
        for (ServiceObserved change : observed) {
            ServiceObserved previous = since.remove(change.service());
            if (previous != null) {
                changes.add(new RunReport.ServiceChange(previous.service(), previous.condition(), previous.cause(),
                        previous.atMillis() / 1000.0, change.atMillis() / 1000.0));
            }
            if (!change.up()) {
                since.put(change.service(), change);
            }
        }
        since.values().forEach(open -> changes.add(new RunReport.ServiceChange(open.service(), open.condition(),
                open.cause(), open.atMillis() / 1000.0, -1)));
        return changes;
    }

}
