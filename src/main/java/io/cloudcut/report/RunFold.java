package io.cloudcut.report;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.CloudReceivedObserved;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.ConnectsStuckObserved;
import io.cloudcut.observation.EventsObserved;
import io.cloudcut.observation.FaultObserved;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.LinkReopenedObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.observation.RunEndedObserved;
import io.cloudcut.observation.RunStartedObserved;
import io.cloudcut.observation.ServiceObserved;
import io.cloudcut.observation.SessionObserved;
import io.cloudcut.observation.StateObserved;
import io.cloudcut.scenario.FleetEntry;
import io.cloudcut.scenario.PhaseKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A run's observations folded one at a time into what its report and charts need, in one pass:
 * probes into counts per model, function and phase and per outage probe round, states into each
 * device's changes between acting and at rest, events and sessions into their sums; what comes a
 * few times a device or once a transition (connection changes, recoveries, event accounts, faults, links reopened,
 * phase marks, health, clock, services) is kept as it came. Memory grows with the devices,
 * functions, phases and probe rounds, not with the probes. The stream describes itself: it begins with what ran
 * ({@link RunStartedObserved}) and ends with the run ({@link RunEndedObserved}). One thread at a time.
 */
public final class RunFold implements Consumer<Observation> {

    private RunStartedObserved started;
    private Set<String> outagePhases;
    private RunEndedObserved ended;
    private long lastMillis;
    private final DeviceIndex devices = new DeviceIndex();
    private final Map<String, ModelProbes> probes = new LinkedHashMap<>();
    private final Map<String, LongSummaryStatistics> probedInPhase = new HashMap<>();
    private final AvailabilitySeries.Rounds availability = new AvailabilitySeries.Rounds();
    private final DeviceStates states = new DeviceStates();
    private final List<ConnectionObserved> connections = new ArrayList<>();
    private final List<ConnectsStuckObserved> connectsStuck = new ArrayList<>();
    private final List<RecoveryObserved> recoveries = new ArrayList<>();
    private final List<EventsObserved> events = new ArrayList<>();
    private final List<CloudReceivedObserved> received = new ArrayList<>();
    private final Map<String, Map<SessionObserved.Change, SessionChanges>> sessions = new HashMap<>();
    private final List<FaultObserved> faults = new ArrayList<>();
    private final Map<String, List<Long>> linkReopenings = new HashMap<>();
    private final List<PhaseObserved> phaseMarks = new ArrayList<>();
    private final List<ClockObserved> clock = new ArrayList<>();
    private final List<HealthObserved> health = new ArrayList<>();
    private final List<ServiceObserved> services = new ArrayList<>();

    /** The devices of one model that saw one kind of session change, and when the first did. */
    static final class SessionChanges {
        private final Set<String> devices = new HashSet<>();
        private long firstAtMillis = Long.MAX_VALUE;

        int devices() {
            return devices.size();
        }

        long firstAtMillis() {
            return firstAtMillis;
        }
    }

    /** A whole stream, folded. */
    public static RunFold of(Iterable<Observation> observations) {
        RunFold fold = new RunFold();
        observations.forEach(fold);
        return fold;
    }

    /** @throws IllegalArgumentException when the stream does not begin with what ran */
    @Override
    public void accept(Observation observation) {
        if (started == null) {
            if (!(observation instanceof RunStartedObserved run)) {
                throw new IllegalArgumentException("the observations do not begin with what ran (a run-started observation)");
            }
            start(run);
        }
        lastMillis = Math.max(lastMillis, observation.atMillis());
        if (observation instanceof ProbeObserved probe) {
            probe(probe);
        } else if (observation instanceof StateObserved state) {
            states.add(state);
        } else if (observation instanceof ConnectionObserved connection) {
            connections.add(connection);
        } else if (observation instanceof RecoveryObserved recovery) {
            recoveries.add(recovery);
        } else if (observation instanceof EventsObserved account) {
            events.add(account);
        } else if (observation instanceof ConnectsStuckObserved stuck) {
            connectsStuck.add(stuck);
        } else if (observation instanceof CloudReceivedObserved counts) {
            received.add(counts);
        } else if (observation instanceof SessionObserved session) {
            session(session);
        } else if (observation instanceof FaultObserved fault) {
            faults.add(fault);
        } else if (observation instanceof LinkReopenedObserved reopened) {
            linkReopenings.computeIfAbsent(reopened.device(), device -> new ArrayList<>()).add(reopened.atMillis());
        } else if (observation instanceof PhaseObserved mark) {
            phaseMarks.add(mark);
            if (outagePhases.contains(mark.phase())) {
                states.outage(mark.started(), mark.atMillis());
            }
        } else if (observation instanceof ClockObserved change) {
            clock.add(change);
        } else if (observation instanceof HealthObserved figures) {
            health.add(figures);
        } else if (observation instanceof ServiceObserved change) {
            services.add(change);
        } else if (observation instanceof RunEndedObserved end && ended == null) {
            ended = end;
        }
    }

    private void start(RunStartedObserved run) {
        started = run;
        outagePhases = Set.copyOf(run.phasesOf(PhaseKind.OUTAGE));
        for (FleetEntry entry : run.fleet()) {
            probes.put(entry.model(), new ModelProbes(run.phasesOf(PhaseKind.BASELINE), run.phasesOf(PhaseKind.OUTAGE)));
        }
    }

    private void probe(ProbeObserved probe) {
        probedInPhase.computeIfAbsent(probe.phase(), phase -> new LongSummaryStatistics()).accept(probe.atMillis());
        availability.add(probe);
        ModelProbes model = probes.get(probe.model());
        if (model != null) {
            model.add(probe, devices.numberOf(probe.device()));
        }
    }

    private void session(SessionObserved session) {
        if (session.change() == SessionObserved.Change.ACQUIRED || session.change() == SessionObserved.Change.RENEWED) {
            return;
        }
        SessionChanges changes = sessions.computeIfAbsent(session.model(), model -> new TreeMap<>())
                .computeIfAbsent(session.change(), change -> new SessionChanges());
        changes.devices.add(session.device());
        changes.firstAtMillis = Math.min(changes.firstAtMillis, session.atMillis());
    }

    /**
     * What ran: the scenario as the run had it, on which broker.
     *
     * @throws IllegalStateException when nothing was folded yet
     */
    public RunStartedObserved started() {
        if (started == null) {
            throw new IllegalStateException("no observation folded yet");
        }
        return started;
    }

    /** The harness's own health over a window ({@link HealthObserved.Window#BASELINE} or {@link HealthObserved.Window#RUN}). */
    public Optional<HealthObserved> health(HealthObserved.Window window) {
        return health.stream().filter(figures -> figures.window() == window).findFirst();
    }

    /**
     * The report of the run from what was folded. Its expectations are not checked here: see
     * {@code RunResult.report()}.
     *
     * @throws IllegalArgumentException when the stream stopped before the run ended
     */
    public RunReport report() {
        return Verdicts.report(this);
    }

    RunEndedObserved ended() {
        return ended;
    }

    /** The latest moment observed, scenario ms. */
    long lastMillis() {
        return lastMillis;
    }

    DeviceIndex devices() {
        return devices;
    }

    ModelProbes probes(String model) {
        return probes.get(model);
    }

    Map<String, LongSummaryStatistics> probedInPhase() {
        return probedInPhase;
    }

    AvailabilitySeries.Rounds availability() {
        return availability;
    }

    DeviceStates states() {
        return states;
    }

    /** Every connection change, in the order observed. */
    List<ConnectsStuckObserved> connectsStuck() {
        return connectsStuck;
    }

    List<ConnectionObserved> connections() {
        return connections;
    }

    List<RecoveryObserved> recoveries() {
        return recoveries;
    }

    List<EventsObserved> events() {
        return events;
    }

    List<CloudReceivedObserved> received() {
        return received;
    }

    /** A model's session changes other than acquiring and renewing, by change in name order. */
    Map<SessionObserved.Change, SessionChanges> sessions(String model) {
        return sessions.getOrDefault(model, Map.of());
    }

    List<FaultObserved> faults() {
        return faults;
    }

    /** By device, when a fault let its link take connections again while it stayed on, in the order observed. */
    Map<String, List<Long>> linkReopenings() {
        return linkReopenings;
    }

    List<PhaseObserved> phaseMarks() {
        return phaseMarks;
    }

    List<ClockObserved> clock() {
        return clock;
    }

    List<HealthObserved> healthFigures() {
        return health;
    }

    List<ServiceObserved> services() {
        return services;
    }
}
