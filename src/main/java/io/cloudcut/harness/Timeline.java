package io.cloudcut.harness;

import io.cloudcut.fault.LinkFaults;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.FaultSpec;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.PhaseKind;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.WireNames;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Plays a scenario's phases on the scenario clock: applies each outage's faults at its start (a
 * transition: the clock drops to real time) and reverts them at its end; probes every function of
 * every device in rounds over each phase, each round's probes spread over half of it; and in a
 * recovery phase probes each device until all its functions work again, or the phase ends. After
 * the baseline it checks the harness's own health, and stops there when the instrument could not
 * measure.
 */
final class Timeline {

    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(15);
    /** How long the clock waits, after the warm-up, for cloud services to work through what it sent them. */
    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(60);
    /**
     * What a fleet not ready again after the warm-up means: 18,000 devices on four workers were all ready
     * before it, and lost 24,215 connections to PUBACKs later than their 1 s in it.
     */
    static final String NOT_READY_AFTER_THE_WARM_UP = "every device was ready before the warm-up and no fault has "
            + "been applied yet, so the harness's own load cost them their connections; " + HealthCheck.REMEDY;
    /** Beyond a warm-up round's stretch and probe timeout, how long its answers may take to come. */
    static final Duration WARM_UP_ANSWERS_LIMIT = Duration.ofSeconds(60);
    /**
     * Beyond the longest a probe waits ({@link ProbeWait}), how long the end of a phase's probes may take to come: an
     * answer is then overdue, and the harness has failed.
     */
    private static final Duration ANSWERS_DUE_AT_MOST = Duration.ofSeconds(20);

    private final Scenario scenario;
    private final Vertx vertx;
    private final Fleet fleet;
    private final ObservationLog log;
    private final ScenarioClock clock;
    private final ProgressListener progress;
    private final FaultInjector faults;
    private final Prober prober;
    private final Pacer pacer;
    private final HarnessHealth health;
    private final FleetReadiness readiness;
    private final double runScale;
    private final Capacity capacity;
    private final Duration detectionWindow;
    private final Executor onHarness;
    private final LatencyResolution latencyResolution;
    /** The baseline's probes as they are observed, counted for its health check, and those that failed. */
    private final AtomicLong baselineProbes = new AtomicLong();
    private final AtomicLong baselineProbesFailed = new AtomicLong();
    /** Probes started and not answered yet, of every phase so far: each leaves once answered, so that the run keeps none. */
    private final Set<Future<ProbeObserved>> outstanding = ConcurrentHashMap.newKeySet();
    /** The longest a phase's probe may wait, of the phases begun so far ({@link ProbePatience#longest}). */
    private Duration longestProbeWait = Duration.ZERO;
    /** When the clock started, after the warm-up; until then, when this timeline was made. */
    private volatile long clockStartedNanos = System.nanoTime();

    Timeline(Scenario scenario, Vertx vertx, Fleet fleet, FleetReadiness readiness, ObservationLog log, ScenarioClock clock,
             ProgressListener progress, FaultInjector faults, Prober prober, Pacer pacer, HarnessHealth health,
             double runScale, Capacity capacity) {
        this.scenario = scenario;
        this.vertx = vertx;
        this.fleet = fleet;
        this.readiness = readiness;
        this.log = log;
        this.clock = clock;
        this.progress = progress;
        this.faults = faults;
        this.prober = prober;
        this.pacer = pacer;
        this.health = health;
        this.runScale = runScale;
        this.capacity = capacity;
        this.detectionWindow = Pacer.detectionWindow(scenario);
        Context context = vertx.getOrCreateContext();
        this.onHarness = task -> context.runOnContext(ignored -> task.run());
        Set<String> baselines = scenario.phases().stream().filter(p -> p.kind() == PhaseKind.BASELINE)
                .map(Phase::name).collect(Collectors.toSet());
        this.latencyResolution = LatencyResolution.watching(scenario, log);
        log.watch(observation -> {
            if (observation instanceof ProbeObserved probe && baselines.contains(probe.phase())) {
                baselineProbes.incrementAndGet();
                baselineProbesFailed.addAndGet(probe.ok() ? 0 : 1);
            }
        });
    }

    /**
     * Warms the harness up, starts the clock and plays every phase; returns the baseline's health.
     * An unhealthy baseline ends the run there.
     */
    HealthObserved play() throws InfrastructureException {
        warmUp();
        readiness.awaitReady(WARM_UP_LIMIT.multipliedBy(4), "within " + Durations.format(WARM_UP_LIMIT.multipliedBy(4))
                + " after the warm-up", NOT_READY_AFTER_THE_WARM_UP);
        Phase first = scenario.phases().get(0);
        pacer.start(Traffic.phaseScale(scenario, first, runScale, capacity));
        clockStartedNanos = System.nanoTime();
        List<Phase> phases = scenario.phases();
        List<FaultSpec> active = List.of();
        HealthObserved baselineHealth = null;
        for (int index = 0; index < phases.size(); index++) {
            Phase phase = phases.get(index);
            // From when it actually begins: a harness that fell behind shifts the phase, never shortens it.
            Duration phaseStart = clock.now();
            Duration phaseEnd = phaseStart.plus(phase.duration());
            long phaseFromNanos = System.nanoTime();
            Duration heldBefore = clock.held();
            log.add(PhaseObserved.start(phaseStart.toMillis(), phase.name(), WireNames.of(phase.kind())));
            pacer.phase(Traffic.phaseScale(scenario, phase, runScale, capacity));
            pacer.connectionsFaulted(phase.faults().stream().anyMatch(fault -> !fault.targetsService()));
            if (!phase.faults().equals(active)) {
                Duration window = appliesSilentLinkFaults(active, phase.faults()) ? detectionWindow : Pacer.SHORT_WINDOW;
                Duration firstRounds = phase.kind() == PhaseKind.RECOVERY ? Recovery.firstRoundsTake(fleet.devices()) : Duration.ZERO;
                pacer.transition(firstRounds.compareTo(window) > 0 ? firstRounds : window);
            }
            if (index + 1 < phases.size() && revertsOrChangesLinkFaults(phase, phases.get(index + 1))) {
                pacer.approach(phaseEnd);
            }
            progress.phaseStarted(phase, index + 1, phases.size(),
                    pacer.describe() + Traffic.heldBack(scenario, phase, runScale, capacity));
            faults.enter(phase.faults());
            active = phase.faults();
            progress.faultChanged(phase.faults().isEmpty() ? "none" : describe(phase));
            if (phase.kind() == PhaseKind.RECOVERY) {
                recover(phase, phaseEnd);
            } else {
                probeInRounds(phase, phaseStart);
                awaitMoment(phaseEnd);
            }
            HarnessHealth.Stalled stalled = health.stalled(phaseFromNanos);
            log.add(PhaseObserved.end(clock.nowMillis(), phase.name(), WireNames.of(phase.kind()), stalled.anywhereMillis(),
                    stalled.workersMillis(), clock.held().minus(heldBefore).toMillis()));
            boolean lastBaseline = phase.kind() == PhaseKind.BASELINE
                    && (index + 1 == phases.size() || phases.get(index + 1).kind() != PhaseKind.BASELINE);
            if (lastBaseline) {
                awaitOutstandingProbes();
                baselineHealth = health.judge(HealthObserved.Window.BASELINE, clockStartedNanos, baselineProbes.get(),
                        baselineProbesFailed.get(), latencyResolution.problem().stream().toList());
                log.add(baselineHealth);
                progress.healthChecked(baselineHealth);
                if (!baselineHealth.healthy()) {
                    break;
                }
            }
        }
        awaitOutstandingProbes();
        faults.enter(List.of());
        return baselineHealth;
    }

    /**
     * When the scenario clock started, after the warm-up (real nanoseconds; before that, when this timeline
     * was made): the harness's health over the run is judged from here, as the baseline's is. The warm-up is
     * there to take the start-up's stalls, its code still compiling, and the fleet must be ready again after
     * it; counted in, a 1.2 s stall of its own at 4,500 devices read as a stall past a connection's margin
     * over the whole run.
     */
    long clockStartedNanos() {
        return clockStartedNanos;
    }

    /**
     * Phases begin on time whatever their probes still wait for: a probe that times out waits its
     * patience ({@link ProbePatience}: a real timeout that at 1800x spans an hour of scenario time, or
     * an hour of scenario time at a slower clock), and is labelled with the phase it began in. Only the
     * health check and the end of the run wait for them.
     */
    private void awaitOutstandingProbes() throws InfrastructureException {
        Waits.await(Future.join(new ArrayList<>(outstanding)), "probing", longestProbeWait.plus(ANSWERS_DUE_AT_MOST));
    }

    /**
     * Probes every function of every device while the clock stands at zero, not recorded: the first
     * probes of a JVM run slow (its code is still being compiled), and the baseline must measure the
     * devices and the harness at their pace, not the start-up's. A round whose event loops ran late
     * (in any process hosting devices: a worker's JVM warms up on its own), or whose probes went
     * unanswered more often than a healthy baseline's may fail, is followed by another, for up to
     * {@link #WARM_UP_LIMIT} of real time. (A refusal is an answer: a locked device refuses by design.)
     * <p>
     * A round is spread as the first phase's rounds will be, in the same slots over the same real
     * time: fired at once, 4,500 devices' probes on two workers left a backlog in the cloud that
     * failed nearly every cloud-path probe of the baseline's first round. Then the clock waits (for up
     * to {@link #CATCH_UP_LIMIT}) until no cloud service is behind ({@link Pacer#awaitCloudCaughtUp}): the probes of a round may time out
     * while the cloud still works through them, and at 18,000 devices the commands service was 11 s
     * behind when the clock started, which failed 5% of the first round's probes.
     */
    private void warmUp() throws InfrastructureException {
        long deadline = System.nanoTime() + WARM_UP_LIMIT.toNanos();
        Duration stretch = firstRoundStretch();
        List<ProbeSlots.Slot> slots = ProbeSlots.over(fleet.devices(), stretch);
        Duration roundLimit = warmUpRoundLimit(stretch, scenario.probe().timeout());
        ProbePatience patience = ProbePatience.realTime(scenario.probe().timeout());
        while (true) {
            long fromNanos = System.nanoTime();
            List<Future<ProbeObserved>> probes = Collections.synchronizedList(new ArrayList<>());
            List<Future<Void>> slotsStarted = new ArrayList<>();
            for (ProbeSlots.Slot slot : slots) {
                Promise<Void> started = Promise.promise();
                slotsStarted.add(started.future());
                vertx.setTimer(Math.max(1, slot.offset().toMillis()), timer -> onHarness.execute(() -> {
                    for (DeviceRef device : slot.devices()) {
                        for (FunctionSpec function : device.model().functions()) {
                            probes.add(prober.probe("warm-up", 0, true, device, function, patience));
                        }
                    }
                    started.complete();
                }));
            }
            Waits.await(Future.all(slotsStarted).compose(all -> Future.join(new ArrayList<>(probes))), "warming up",
                    roundLimit);
            long unanswered = probes.stream()
                    .filter(probe -> probe.failed() || probe.result().outcome() == ProbeOutcome.TIMED_OUT).count();
            long lag = health.measured(fromNanos).lagP99Millis();
            boolean steady = lag <= HealthCheck.MAX_LAG_P99_MILLIS / 2
                    && 100.0 * unanswered / probes.size() <= HealthCheck.MAX_BASELINE_FAILURE_PERCENT;
            if (steady || System.nanoTime() > deadline) {
                break;
            }
        }
        pacer.awaitCloudCaughtUp(CATCH_UP_LIMIT);
    }

    /**
     * How long a warm-up round may take: its stretch to start its probes, the last one's timeout, and
     * {@link #WARM_UP_ANSWERS_LIMIT} for answers behind a busy harness. A flat 60 s was less than
     * 18,000 devices' stretch and answers at 36x (a stretch of 50 s), and the run failed in the warm-up.
     */
    static Duration warmUpRoundLimit(Duration stretch, Duration probeTimeout) {
        return stretch.plus(probeTimeout).plus(WARM_UP_ANSWERS_LIMIT);
    }

    /** The real time over which the first phase's first round starts its probes, at the scale it runs at. */
    private Duration firstRoundStretch() {
        Phase first = scenario.phases().get(0);
        double scale = Traffic.phaseScale(scenario, first, runScale, capacity);
        return Duration.ofNanos((long) (scenario.probe().spacing(first.duration()).dividedBy(2).toNanos() / scale));
    }

    /**
     * Schedules the phase's probe rounds on the scenario clock: round r starts at r spacings into the
     * phase, and its probes are spread over the first half of the round in slots of devices.
     */
    private void probeInRounds(Phase phase, Duration start) {
        ProbePatience patience = ProbePatience.of(scenario, start.plus(phase.duration()),
                Traffic.phaseScale(scenario, phase, runScale, capacity));
        longestProbeWait = patience.longest().compareTo(longestProbeWait) > 0 ? patience.longest() : longestProbeWait;
        Duration spacing = scenario.probe().spacing(phase.duration());
        int rounds = (int) Math.max(1, phase.duration().toNanos() / spacing.toNanos());
        List<ProbeSlots.Slot> slots = ProbeSlots.over(fleet.devices(), spacing.dividedBy(2));
        for (int round = 0; round < rounds; round++) {
            Duration roundStart = start.plus(spacing.multipliedBy(round));
            boolean settling = roundStart.compareTo(start.plus(phase.settle())) < 0;
            List<Future<ProbeObserved>> roundProbes = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger slotsLeft = new AtomicInteger(slots.size());
            int roundIndex = round;
            for (ProbeSlots.Slot slot : slots) {
                at(roundStart.plus(slot.offset()), () -> {
                    List<Future<ProbeObserved>> started = probe(phase, roundIndex, settling, slot.devices(), patience);
                    roundProbes.addAll(started);
                    started.forEach(probe -> {
                        outstanding.add(probe);
                        probe.onComplete(answered -> outstanding.remove(probe));
                    });
                    if (slotsLeft.decrementAndGet() == 0) {
                        reportRound(phase, roundIndex, rounds, roundProbes);
                    }
                });
            }
        }
    }

    private List<Future<ProbeObserved>> probe(Phase phase, int round, boolean settling, List<DeviceRef> devices,
                                             ProbePatience patience) {
        List<Future<ProbeObserved>> started = new ArrayList<>();
        for (DeviceRef device : devices) {
            for (FunctionSpec function : device.model().functions()) {
                started.add(prober.probe(phase.name(), round, settling, device, function, patience)
                        .onSuccess(log::add));
            }
        }
        return started;
    }

    private void reportRound(Phase phase, int round, int rounds, List<Future<ProbeObserved>> probes) {
        Future.join(new ArrayList<>(probes)).onComplete(done -> {
            long ok = probes.stream().filter(probe -> probe.succeeded() && probe.result().ok()).count();
            progress.probeRoundFinished(phase, round + 1, rounds, ok, probes.size() - ok);
        });
    }

    /**
     * Measures each device's recovery (see {@link Recovery}) until the phase ends, or, when the phase
     * {@linkplain Phase#untilAllBack() ends then}, until every device is back: its functions work, it
     * is connected again (a device whose functions are all local works before it reconnects) and it has
     * delivered what it buffered while cut off (ending before would leave its event account mid-drain),
     * or it has given up.
     */
    private void recover(Phase phase, Duration end) throws InfrastructureException {
        AtomicInteger recovered = new AtomicInteger();
        Future<List<RecoveryObserved>> results = new Recovery(vertx, fleet, log, clock, prober, scenario.probe(), onHarness,
                pacer::heldBack, pacer::cloudLagMillis)
                .measure(phase, end, result -> progress.recoveryProgress(phase, recovered.incrementAndGet(),
                        fleet.devices().size()));
        awaitMoment(end, phase.untilAllBack() ? results.compose(all -> online(fleet.emulated(), end))
                : Promise.promise().future());
        Waits.await(results, "measuring recovery");
    }

    /**
     * Once a second: completes when every device is connected with nothing left in its offline buffer, or
     * has given up, or the clock reaches {@code end}.
     */
    private Future<Void> online(List<DeviceRef> devices, Duration end) {
        if (devices.isEmpty() || clock.now().compareTo(end) >= 0) {
            return Future.succeededFuture();
        }
        List<Future<JsonObject>> statuses = devices.stream().map(fleet::status).toList();
        return Future.join(statuses).transform(answered -> {
            List<DeviceRef> offline = new ArrayList<>();
            for (int i = 0; i < devices.size(); i++) {
                JsonObject status = statuses.get(i).succeeded() ? statuses.get(i).result() : null;
                if (status == null || !isBack(status)) {
                    offline.add(devices.get(i));
                }
            }
            if (offline.isEmpty()) {
                return Future.succeededFuture();
            }
            Promise<Void> later = Promise.promise();
            vertx.setTimer(1000, tick -> online(offline, end).onComplete(later));
            return later.future();
        });
    }

    /** From a device's status: connected with nothing left in its offline buffer, or given up (it needs a person). */
    static boolean isBack(JsonObject status) {
        JsonObject events = status.getJsonObject("events");
        return status.getBoolean("needsPerson", false)
                || status.getBoolean("connected", false) && (events == null || events.getLong("buffered", 0L) == 0);
    }

    /** Whether the next phase takes away or changes link faults this one has: devices will reconnect. */
    private static boolean revertsOrChangesLinkFaults(Phase phase, Phase next) {
        List<FaultSpec> links = phase.faults().stream().filter(FaultSpec::targetsLinks).toList();
        return !links.isEmpty() && !links.equals(next.faults().stream().filter(FaultSpec::targetsLinks).toList());
    }

    /**
     * Whether devices must notice something new on their links that only a keepalive or an ack time-out
     * reveals, which may take them two and a half keepalives of real time; a closed or refused connection
     * they notice at once.
     */
    static boolean appliesSilentLinkFaults(List<FaultSpec> before, List<FaultSpec> after) {
        return after.stream().anyMatch(fault -> fault.targetsLinks() && !before.contains(fault) && !noticedAtOnce(fault));
    }

    /** A device's fault (its certificate expiring) shows only when it next connects: not at once. */
    private static boolean noticedAtOnce(FaultSpec fault) {
        return !fault.onDevices()
                && LinkFaults.fromScenario(fault.fault(), fault.attributes(), fault.direction()).noticedAtOnce();
    }

    /** Runs a probe slot at its moment; how long it then waits for the harness's event loop is its start delay. */
    private void at(Duration moment, Runnable action) {
        clock.schedule(moment.minus(clock.now()), task -> {
            long due = System.nanoTime();
            onHarness.execute(() -> {
                health.probeStartedLate(System.nanoTime() - due);
                task.run();
            });
        }, action);
    }

    private void awaitMoment(Duration moment) throws InfrastructureException {
        awaitMoment(moment, Promise.promise().future());
    }

    /** Waits until scenario time reaches {@code moment}, or less when {@code sooner} completes first. */
    private void awaitMoment(Duration moment, Future<?> sooner) throws InfrastructureException {
        try {
            clock.awaitMoment(moment, sooner.toCompletionStage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted", interrupted);
        }
    }

    private static String describe(Phase phase) {
        return String.join(", ", phase.faults().stream().map(Object::toString).toList());
    }
}
