package io.cloudcut.harness;

import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.PhaseKind;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.WireNames;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays a scenario's phases on the scenario clock: applies each outage's faults at its start and
 * reverts them at its end, probes every function of every device in rounds spread over each phase
 * (after its settle time), and in a recovery phase probes each device until all its functions work
 * again, or the phase ends and the device is stuck.
 */
final class Timeline {

    private final Scenario scenario;
    private final Vertx vertx;
    private final Fleet fleet;
    private final ObservationLog log;
    private final ScenarioClock clock;
    private final ProgressListener progress;
    private final FaultInjector faults;
    private final Prober prober;

    Timeline(Scenario scenario, Vertx vertx, Fleet fleet, ObservationLog log, ScenarioClock clock,
             ProgressListener progress, FaultInjector faults, Prober prober) {
        this.scenario = scenario;
        this.vertx = vertx;
        this.fleet = fleet;
        this.log = log;
        this.clock = clock;
        this.progress = progress;
        this.faults = faults;
        this.prober = prober;
    }

    void play() throws InfrastructureException {
        List<Phase> phases = scenario.phases();
        for (int index = 0; index < phases.size(); index++) {
            Phase phase = phases.get(index);
            long startNanos = System.nanoTime();
            long endNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(clock.realMillis(phase.duration()));
            log.add(new PhaseObserved(now(), phase.name(), WireNames.of(phase.kind()), true));
            progress.phaseStarted(phase, index + 1, phases.size());
            ScenarioRunner.await(faults.enter(phase.faults()), "setting the faults of " + phase.name());
            progress.faultChanged(phase.faults().isEmpty() ? "none" : describe(phase));
            if (phase.kind() == PhaseKind.RECOVERY) {
                recover(phase, startNanos, endNanos);
            } else {
                probeInRounds(phase, startNanos, endNanos);
            }
            Waits.until(endNanos);
            log.add(new PhaseObserved(now(), phase.name(), WireNames.of(phase.kind()), false));
        }
        ScenarioRunner.await(faults.enter(List.of()), "reverting the last faults");
    }

    private void probeInRounds(Phase phase, long startNanos, long endNanos) throws InfrastructureException {
        int rounds = scenario.probe().rounds();
        long settleNanos = TimeUnit.MILLISECONDS.toNanos(clock.realMillis(phase.settle()));
        long spacing = (endNanos - startNanos - settleNanos) / rounds;
        for (int round = 0; round < rounds; round++) {
            Waits.until(startNanos + settleNanos + round * spacing);
            List<ProbeObserved> results = probeAll(phase, round, fleet.devices());
            long ok = results.stream().filter(ProbeObserved::ok).count();
            progress.probeRoundFinished(phase, round + 1, rounds, ok, results.size() - ok);
        }
    }

    /**
     * Probes each device on its own until every function works (recovered, timed from the end of
     * the outage to the start of its first all-good round) or the phase ends (stuck).
     */
    private void recover(Phase phase, long startNanos, long endNanos) throws InfrastructureException {
        long outageEndedAt = now();
        List<Future<RecoveryObserved>> devices = new ArrayList<>();
        AtomicInteger recovered = new AtomicInteger();
        for (DeviceRef device : fleet.devices()) {
            devices.add(recoverDevice(phase, 0, device, outageEndedAt, startNanos, endNanos).onSuccess(result -> {
                if (result.recovered()) {
                    progress.recoveryProgress(phase, recovered.incrementAndGet(), fleet.devices().size());
                }
            }));
        }
        List<RecoveryObserved> results = ScenarioRunner.await(Future.all(devices), "measuring recovery").list();
        results.forEach(log::add);
    }

    private Future<RecoveryObserved> recoverDevice(Phase phase, int round, DeviceRef device, long outageEndedAt,
                                                   long startNanos, long endNanos) {
        long roundAt = now();
        long roundNanos = System.nanoTime();
        if (roundNanos >= endNanos) {
            return fleet.status(vertx, device).map(status -> new RecoveryObserved(roundAt, device.id(),
                    device.model().id(), false, roundAt - outageEndedAt, (roundNanos - startNanos) / 1_000_000,
                    describeState(status), status.getBoolean("needsPerson", false)));
        }
        List<Future<ProbeObserved>> probes = new ArrayList<>();
        for (FunctionSpec function : device.model().functions()) {
            probes.add(prober.probe(phase.name(), round, device, function, scenario.probe().recoveryTimeout())
                    .onSuccess(log::add));
        }
        return Future.all(probes).compose(all -> {
            boolean allOk = all.<ProbeObserved>list().stream().allMatch(ProbeObserved::ok);
            if (allOk) {
                return fleet.status(vertx, device).map(status -> new RecoveryObserved(roundAt, device.id(),
                        device.model().id(), true, roundAt - outageEndedAt, (roundNanos - startNanos) / 1_000_000,
                        describeState(status), status.getBoolean("needsPerson", false)));
            }
            return vertx.timer(scenario.probe().recoveryInterval().toMillis())
                    .compose(next -> recoverDevice(phase, round + 1, device, outageEndedAt, startNanos, endNanos));
        });
    }

    private List<ProbeObserved> probeAll(Phase phase, int round, List<DeviceRef> devices) throws InfrastructureException {
        List<Future<ProbeObserved>> probes = new ArrayList<>();
        for (DeviceRef device : devices) {
            for (FunctionSpec function : device.model().functions()) {
                probes.add(prober.probe(phase.name(), round, device, function, scenario.probe().timeout()));
            }
        }
        List<ProbeObserved> results = ScenarioRunner.await(Future.all(probes), "probing")
                .<ProbeObserved>list();
        results.forEach(log::add);
        return results;
    }

    /** What the device says its state is, with its connection and session, e.g. {@code cleaning, offline}. */
    private static String describeState(JsonObject status) {
        return status.getString("state") + (status.getBoolean("connected") ? "" : ", offline")
                + (status.getBoolean("sessionValid") ? "" : ", no session");
    }

    private static String describe(Phase phase) {
        return String.join(", ", phase.faults().stream().map(Object::toString).toList());
    }

    private long now() {
        return clock.now().toMillis();
    }
}
