package io.cloudcut.bench;

import io.cloudcut.broker.BrokerClosing;
import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.harness.InfrastructureException;
import io.cloudcut.harness.ProgressListener;
import io.cloudcut.harness.RunResult;
import io.cloudcut.harness.RunSettings;
import io.cloudcut.harness.ScenarioRunner;
import io.cloudcut.harness.Waits;
import io.cloudcut.identity.Identities;
import io.cloudcut.mqtt.NativeTransport;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.PhaseKind;
import io.cloudcut.scenario.Scenario;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The fleet side: the scenario through the whole harness (proxy, cloud, firmware, probes, clock),
 * watched from its progress for the moments that matter: the fleet up, each phase's start, the last
 * device working again after the outage, the run's end.
 */
final class FleetRun implements ProgressListener {

    /**
     * At most this many devices warm the harness's code through a short fault-free run first, as the bare
     * clients' warm-up round warms theirs, and as many: a cold fleet's start spent 28% of its CPU in the JIT
     * compiler (a profile of 1,000 devices' first 14 s), which the bare clients had already paid.
     */
    static final int WARM_UP_DEVICES = 1000;
    private static final Duration WARM_UP_BASELINE = Duration.ofMinutes(10);

    private final ProgressListener watcher;
    private final Vertx vertx;
    /** The scenario as the attempt measured runs it: at {@code auto}, a run refused for the harness's load runs again slower. */
    private Scenario measured;
    private TelemetryMonitor monitor;
    private double baselineEventsPerSecond;
    private final Map<String, Double> phaseSeconds = new LinkedHashMap<>();
    private ProcessSample before;
    private ProcessSample cloudUp;
    private ProcessSample ready;
    /** The run's, so that the monitor reads as the harness's observer. */
    private final Identities identities;
    private ProcessSample runFrom;
    private ProcessSample runTo;
    private ProcessSample connected;
    private double connectSeconds;
    private double signInSeconds;
    private String phase;
    private InfrastructureException monitorFailure;
    private long phaseFromNanos;
    private long recoveryFromNanos = -1;
    private double lastBackSeconds = -1;
    private int recovered;

    FleetRun(Scenario scenario, ProgressListener watcher, Vertx vertx, Identities identities) {
        this.measured = scenario;
        this.watcher = watcher;
        this.vertx = vertx;
        this.identities = identities;
    }

    static FleetFigures measure(Scenario scenario, RunSettings settings, ProgressListener watcher) throws InfrastructureException {
        warmUp(scenario, settings, watcher);
        Vertx vertx = Vertx.vertx(NativeTransport.vertxOptions());
        Identities identities = Identities.generate();
        FleetRun run = new FleetRun(scenario, watcher, vertx, identities);
        try {
            RunResult result = new ScenarioRunner(settings.watchedBy(run).withIdentities(identities)).run(scenario);
            if (run.monitorFailure != null) {
                throw run.monitorFailure;
            }
            return run.figures(result);
        } finally {
            Waits.await(vertx.close(), "closing the telemetry monitor's Vert.x");
        }
    }

    /** A few of the scenario's devices through a short baseline on the same broker, none of it measured. */
    private static void warmUp(Scenario scenario, RunSettings settings, ProgressListener watcher) throws InfrastructureException {
        int devices = Math.min(WARM_UP_DEVICES, scenario.fleet().get(0).count());
        watcher.starting("the harness's warm-up: " + devices + " devices through a " + Durations.format(WARM_UP_BASELINE)
                + " baseline, not measured");
        new ScenarioRunner(settings.watchedBy(ProgressListener.SILENT))
                .run(scenario.withDevicesPerModel(devices).baselineOnly(WARM_UP_BASELINE));
        try {
            // Its broker closes in the background: its threads would end inside the measured fleet's figures.
            BrokerClosing.awaitAll(BrokerClosing.LIMIT);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while the warm-up's broker closed", interrupted);
        }
    }

    private FleetFigures figures(RunResult result) {
        int devices = measured.deviceCount();
        double runSeconds = runTo.secondsSince(runFrom);
        Side side = new Side(Connects.between(cloudUp, connected, devices, connectSeconds), baselineEventsPerSecond,
                Math.max(0, (ready.heapBytes() - cloudUp.heapBytes()) / devices), ready.threads() - cloudUp.threads(),
                runTo.cpuPercentSince(runFrom));
        return new FleetFigures(side, Math.max(0, cloudUp.heapBytes() - before.heapBytes()), signInSeconds, baselineScale(),
                keptScale(measured.phases().get(0)), Collections.unmodifiableMap(new LinkedHashMap<>(phaseSeconds)), runSeconds,
                recoveryFromNanos < 0 ? -1 : recovered, lastBackSeconds, lastReconnectedSeconds(result),
                ClockWaits.of(result.report().harness()),
                result.health(HealthObserved.Window.BASELINE).orElse(null),
                result.health(HealthObserved.Window.RUN).orElse(null));
    }

    /** Each phase's real length so far, in seconds, of the attempt measured. */
    Map<String, Double> phaseSeconds() {
        return Collections.unmodifiableMap(phaseSeconds);
    }

    /** The scale the measured attempt's baseline was to run at. */
    double baselineScale() {
        return ScenarioRunner.firstPhaseScale(measured);
    }

    /** The scale {@code baseline} kept: its scenario time over its real length; 0 if the run ended before it did. */
    private double keptScale(Phase baseline) {
        Double realSeconds = phaseSeconds.get(baseline.name());
        return realSeconds == null || realSeconds <= 0 ? 0 : baseline.duration().toNanos() / 1e9 / realSeconds;
    }

    /** When the last device the outage cut was connected again, in real seconds from the recovery's start; -1 if none was. */
    private static double lastReconnectedSeconds(RunResult result) {
        return result.report().models().stream().map(model -> model.recovery().reconnectedWallMaxSeconds())
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(-1);
    }

    @Override
    public void starting(String what) {
        watcher.starting(what);
    }

    @Override
    public void brokerStarted(BrokerEndpoint endpoint) {
        try {
            monitor = TelemetryMonitor.connect(vertx, endpoint, identities.monitor());
        } catch (InfrastructureException failed) {
            monitorFailure = failed;
        }
        before = ProcessSample.afterGc(); // the broker's own heap and threads are not the devices'

        watcher.brokerStarted(endpoint);
    }

    /** The cloud's services are the harness's, as the broker is: what the fleet adds is counted from here. */
    @Override
    public void cloudStarted() {
        cloudUp = ProcessSample.afterGc();
        watcher.cloudStarted();
    }

    @Override
    public void fleetReady(int devices, Duration connectedIn, Duration readyIn) {
        connectSeconds = connectedIn.toNanos() / 1e9;
        signInSeconds = readyIn.toNanos() / 1e9;
        connected = ProcessSample.now(); // before the collection, whose CPU is not the devices'
        ready = ProcessSample.afterGc(); // before the clock starts: the pause measures nothing of the devices
        watcher.fleetReady(devices, connectedIn, readyIn);
    }

    @Override
    public void clockChosen(String description) {
        watcher.clockChosen(description);
    }

    /** Only the last attempt is measured: what the refused one left is forgotten, its monitor closed with its broker. */
    @Override
    public void runningAgain(double refusedAt, HealthObserved baseline, double slower) {
        measured = ScenarioRunner.runAgainAt(measured, slower);
        if (monitor != null) {
            monitor.close(); // its broker is gone or going; the next attempt's broker gets a monitor of its own
            monitor = null;
        }
        phase = null;
        phaseSeconds.clear();
        recoveryFromNanos = -1;
        lastBackSeconds = -1;
        recovered = 0;
        baselineEventsPerSecond = 0;
        watcher.runningAgain(refusedAt, baseline, slower);
    }

    @Override
    public void phaseStarted(Phase next, int index, int phases, String pace) {
        long now = System.nanoTime();
        if (phase == null) {
            runFrom = ProcessSample.now();
        } else {
            phaseSeconds.put(phase, (now - phaseFromNanos) / 1e9);
        }
        if (monitor != null && phase == null) {
            monitor.mark(); // the baseline's rate is read when its health is judged, even if the run stops there
        }
        phase = next.name();
        phaseFromNanos = now;
        if (next.kind() == PhaseKind.RECOVERY && recoveryFromNanos < 0) {
            recoveryFromNanos = now;
        }
        watcher.phaseStarted(next, index, phases, pace);
    }

    @Override
    public void faultChanged(String description) {
        watcher.faultChanged(description);
    }

    @Override
    public void probeRoundFinished(Phase of, int round, int rounds, long ok, long failed) {
        watcher.probeRoundFinished(of, round, rounds, ok, failed);
    }

    @Override
    public synchronized void recoveryProgress(Phase of, int devicesBack, int devices) {
        recovered = Math.max(recovered, devicesBack);
        if (recoveryFromNanos >= 0) {
            lastBackSeconds = (System.nanoTime() - recoveryFromNanos) / 1e9;
        }
        watcher.recoveryProgress(of, devicesBack, devices);
    }

    @Override
    public void healthChecked(HealthObserved health) {
        if (health.window() == HealthObserved.Window.BASELINE && monitor != null) {
            baselineEventsPerSecond = monitor.ratePerSecondSinceMark();
        }
        if (health.window() == HealthObserved.Window.RUN) {
            runTo = ProcessSample.now();
            phaseSeconds.put(phase, (System.nanoTime() - phaseFromNanos) / 1e9);
        }
        watcher.healthChecked(health);
    }

    @Override
    public void finished() {
        watcher.finished();
    }
}
