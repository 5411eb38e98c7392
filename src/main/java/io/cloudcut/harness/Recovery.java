package io.cloudcut.harness;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.observation.SessionObserved;
import io.cloudcut.scenario.FunctionPath;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.ProbeSettings;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * A recovery phase: each device is probed on its own, in rounds of all its functions, until one
 * round finds them all working (recovered), or its client has given up or the phase ends (not
 * recovered). Rounds follow each
 * other {@code recoveryInterval} apart, and no closer than the probes of the devices not yet back allow
 * at {@link #PROBES_PER_SECOND} (a large fleet probed flat out would swamp the cloud it measures);
 * a round still waiting for a probe to time out would hide a
 * device that came back meanwhile, so a device that reconnects or signs in again gets a round at
 * once, beside any under way. A device found offline whose model has a function on the cloud path cannot be back
 * before it connects again: its next periodic round waits for the phase's probe spacing of scenario time as well
 * ({@link #offlineRoundAtMillis}), unless it connects or signs in first.
 * <p>
 * A recovery is timed from the end of the outage to the start of the round that found the device
 * back. Once a device has reconnected, what stands between it and working again are network
 * exchanges (signing in, draining its offline buffer, the probes' round trips): they count at
 * their real length, from the start of the attempt that reconnected it, never multiplied by the
 * scale the clock has ramped up to by then.
 */
final class Recovery {

    /**
     * Real time: at most this many periodic recovery probes a second over the whole fleet. Measured:
     * 1,000 devices probed at about 11,500 a second recovered; 3,800 at 44,000 a second swamped the
     * cloud's services, and 3,587 devices never recovered because of the harness, not of themselves.
     */
    static final int PROBES_PER_SECOND = 10_000;
    /**
     * While the clock is held back for the cloud or for this machine's connects ({@link Pacer}), each device's
     * periodic rounds come this many times further apart. The clock's scale does not pace them, and in a storm
     * they are most of what the cloud is sent: 10,000 devices on workers were probed about 6,300 times a real second, and
     * the cloud fell up to 28 s behind with the clock in real time.
     */
    static final int SPACING_WHILE_HELD_BACK = 4;
    /**
     * The first rounds, every device's at the outage's end, start this many probes at most in one task on
     * the harness's context (a few milliseconds of it), so that what else it runs is not held up.
     */
    static final int FIRST_ROUND_PROBES_A_TURN = 200;
    /**
     * The first rounds' turns start this far apart, at {@link #PROBES_PER_SECOND}. Each turn queued as soon
     * as the last had run, 4,500 devices' 27,000 probes started within about a second, nearly three times
     * that rate, into a storm that already took both cores: an event loop of the harness read 822-1,064 ms
     * late in four runs of {@code kinesis-2020}, next to the 1 s a connection allows.
     */
    static final Duration FIRST_ROUND_TURNS_EVERY = Duration.ofMillis(1000L * FIRST_ROUND_PROBES_A_TURN / PROBES_PER_SECOND);

    /**
     * The real time the first rounds of {@code devices} take to start, at {@link #PROBES_PER_SECOND}: the
     * clock stays in real time for it ({@link Timeline}), so that a device found back at the end of it
     * counts seconds of recovery, not what the clock would have ramped to (at 107x, 4,500 devices' last
     * rounds started 2.7 s in, 38 s of scenario time).
     */
    static Duration firstRoundsTake(List<DeviceRef> devices) {
        long probes = devices.stream().mapToLong(device -> device.model().functions().size()).sum();
        return Duration.ofMillis(1000 * probes / PROBES_PER_SECOND);
    }

    /**
     * The devices one of each model in turn, each model's in their order: the first rounds' wait then
     * falls on every model alike (in the fleet's order, the last model's devices were all at the back,
     * and its recovery read seconds longer than the first's for it).
     */
    static List<DeviceRef> alternatingModels(List<DeviceRef> devices) {
        List<Iterator<DeviceRef>> byModel = devices.stream()
                .collect(Collectors.groupingBy(device -> device.model().id(), LinkedHashMap::new, Collectors.toList()))
                .values().stream().map(List::iterator).toList();
        List<DeviceRef> alternating = new ArrayList<>(devices.size());
        while (alternating.size() < devices.size()) {
            byModel.stream().filter(Iterator::hasNext).map(Iterator::next).forEach(alternating::add);
        }
        return alternating;
    }

    private final Vertx vertx;
    private final Fleet fleet;
    private final ObservationLog log;
    private final ScenarioClock clock;
    private final Prober prober;
    private final ProbeSettings probe;
    private final Executor onHarness;
    private final BooleanSupplier heldBack;
    private final LongSupplier cloudLagMillis;
    /** Every probe of the phase, answered or not. */
    private final List<Future<ProbeObserved>> started = Collections.synchronizedList(new ArrayList<>());
    private final RoundSpacing spacing = new RoundSpacing();

    /**
     * @param heldBack       whether the clock is held back now, for the cloud or for this machine's connects
     * @param cloudLagMillis how far behind the emulated cloud reads its messages now
     */
    Recovery(Vertx vertx, Fleet fleet, ObservationLog log, ScenarioClock clock, Prober prober, ProbeSettings probe,
             Executor onHarness, BooleanSupplier heldBack, LongSupplier cloudLagMillis) {
        this.vertx = vertx;
        this.fleet = fleet;
        this.log = log;
        this.clock = clock;
        this.prober = prober;
        this.probe = probe;
        this.onHarness = onHarness;
        this.heldBack = heldBack;
        this.cloudLagMillis = cloudLagMillis;
    }

    /** Starts measuring every device's recovery; each result is logged as it comes, and all complete by {@code end}. */
    Future<List<RecoveryObserved>> measure(Phase phase, Duration end, Consumer<RecoveryObserved> recovered) {
        long outageEndedAt = clock.nowMillis();
        long startNanos = System.nanoTime();
        Map<String, Device> devices = new LinkedHashMap<>();
        for (DeviceRef ref : fleet.devices()) {
            devices.put(ref.id(), new Device(phase, ref, outageEndedAt, startNanos, end));
            spacing.measuring(ref.model().functions().size());
        }
        Consumer<Observation> nudges = observation -> {
            Device device = devices.get(deviceOf(observation));
            if (device != null) {
                onHarness.execute(() -> device.heard(observation));
            }
        };
        log.watch(nudges);
        List<Future<RecoveryObserved>> results = new ArrayList<>();
        for (Device device : devices.values()) {
            results.add(device.result.future().onSuccess(result -> {
                spacing.settled(device.ref.model().functions().size());
                log.add(result);
                if (result.recovered()) {
                    recovered.accept(result);
                }
            }));
        }
        Turns.start(alternatingModels(fleet.devices()).stream().map(ref -> devices.get(ref.id())).iterator(),
                device -> device.ref.model().functions().size(),
                FIRST_ROUND_PROBES_A_TURN, Device::periodicRound, Turns.spaced(vertx, onHarness, FIRST_ROUND_TURNS_EVERY));
        // Also every probe started meanwhile: a round beside the one that found the device back may
        // still wait for an answer, and its observation belongs to the run, before its end.
        return Future.all(results).<List<RecoveryObserved>>map(all -> all.list())
                .compose(all -> Future.join(startedSoFar()).transform(probed -> Future.succeededFuture(all)))
                .onComplete(done -> log.unwatch(nudges));
    }

    /**
     * Real time from a device's periodic round that took {@code tookMillis} to its next: the interval, and
     * no sooner than the fleet's spacing allows, {@link #SPACING_WHILE_HELD_BACK} times that while the clock is held back.
     */
    static long nextRoundInMillis(long intervalMillis, long spacingMillis, long tookMillis, boolean heldBack) {
        return Math.max(intervalMillis, spacingMillis * (heldBack ? SPACING_WHILE_HELD_BACK : 1) - tookMillis);
    }

    /**
     * The scenario moment before which a device found offline, whose model has a function on the cloud path, gets
     * no other periodic round: the phase's probe spacing after the round, and no later than the phase's end. Its
     * connection or new session gets a round at once. Paced by real time alone, such a device was probed every few
     * seconds of scenario time while the clock was held back, each round a press of its buttons and a status report:
     * 1,000 Paho v5 devices' recovery made 1.07 million probes, and the local-first models dropped 113,385 events
     * from their full offline buffers, where a Vert.x run of the same fleet dropped none. Those were the harness's
     * pace, not the devices'.
     */
    static long offlineRoundAtMillis(long roundAtMillis, Duration spacing, long endMillis) {
        return Math.min(roundAtMillis + spacing.toMillis(), endMillis);
    }

    /**
     * A recovery probe's time-out: a cloud-path probe's answer crosses the emulated cloud, and is late by
     * as much as the cloud is behind, for the harness's reasons. In a storm of 10,000 devices the cloud
     * was up to 2 s behind, and 70,000 cloud-path probes timed out at 500 ms, of devices back on the broker
     * among them: each such device waited for a later round, and its recovery read as late as the rounds were apart.
     */
    static Duration timeout(FunctionSpec function, Duration recoveryTimeout, long cloudLagMillis) {
        return function.path() == FunctionPath.CLOUD ? recoveryTimeout.plusMillis(Math.max(0, cloudLagMillis)) : recoveryTimeout;
    }

    /**
     * When a device was connected again, in real ms from the recovery's start: when the harness heard so, and
     * no later than a round that found it working (its cloud functions answer only over a connection). The
     * connection's observation and the probes' answers take different ways to the harness: a device found
     * working 4,214 ms in was heard connected at 4,227 ms.
     */
    static Long reconnectedBy(Long heardAfterMillis, long foundAfterMillis, boolean recovered) {
        return heardAfterMillis != null && recovered ? Long.valueOf(Math.min(heardAfterMillis, foundAfterMillis)) : heardAfterMillis;
    }

    private List<Future<ProbeObserved>> startedSoFar() {
        synchronized (started) {
            return new ArrayList<>(started);
        }
    }

    /** The device a reconnect or a new session is about, null for any other observation. */
    private static String deviceOf(Observation observation) {
        if (observation instanceof ConnectionObserved up && up.change() == ConnectionObserved.Change.UP) {
            return up.device();
        }
        if (observation instanceof SessionObserved session && session.change() == SessionObserved.Change.ACQUIRED) {
            return session.device();
        }
        return null;
    }

    /** One device's recovery; its rounds run on the harness's context. */
    private final class Device {
        private final Phase phase;
        private final DeviceRef ref;
        private final long outageEndedAt;
        private final long startNanos;
        private final Duration end;
        private final Promise<RecoveryObserved> result = Promise.promise();
        private int rounds;
        /** The latest start of a round that found a function failing: the device came back after it. */
        private long failingSince;
        private long failingSinceNanos;
        /** The attempt that reconnected the device after the outage (scenario ms), and when it began in real time. */
        private long reconnectAttemptAt = -1;
        private long reconnectAttemptNanos;
        /** Real time from the start of the phase to the device's first connection after the outage, if any yet. */
        private Long reconnectedRealAfterMillis;
        /** Whether the device works only once connected: a function of its model is on the cloud path. */
        private final boolean needsConnection;
        /** Whether the device was offline when its last round ended. */
        private boolean offline;
        /** The next periodic round while it waits on the scenario clock for an offline device, null otherwise. */
        private ScenarioClock.Timer parked;

        Device(Phase phase, DeviceRef ref, long outageEndedAt, long startNanos, Duration end) {
            this.phase = phase;
            this.ref = ref;
            this.outageEndedAt = outageEndedAt;
            this.startNanos = startNanos;
            this.end = end;
            this.failingSince = outageEndedAt;
            this.failingSinceNanos = startNanos;
            this.needsConnection = ref.model().functions().stream().anyMatch(function -> function.path() == FunctionPath.CLOUD);
        }

        /** On the harness's context: the device reconnected or signed in again; probe it now. */
        void heard(Observation observation) {
            if (observation instanceof ConnectionObserved up && up.attemptStartedAtMillis() >= outageEndedAt) {
                long nowNanos = System.nanoTime();
                reconnectAttemptAt = up.attemptStartedAtMillis();
                reconnectAttemptNanos = nowNanos - up.attemptRealMillis() * 1_000_000;
                if (reconnectedRealAfterMillis == null) {
                    reconnectedRealAfterMillis = (nowNanos - startNanos) / 1_000_000;
                }
            }
            if (observation instanceof ConnectionObserved up && needsConnection && up.atMillis() > failingSince) {
                // Not back before it was connected: the rounds while it was offline were spaced out.
                failingSince = up.atMillis();
            }
            if (parked != null) {
                parked.cancel();
                parked = null;
                periodicRound();
            } else {
                round();
            }
        }

        /**
         * A round, then the next one an interval after it (for an offline device that needs its connection, not before
         * {@link #offlineRoundAtMillis}), until the device is back or the phase ends.
         */
        void periodicRound() {
            long startedNanos = System.nanoTime();
            long startedAt = clock.nowMillis();
            round().onComplete(done -> {
                if (!result.future().isComplete()) {
                    long tookMillis = (System.nanoTime() - startedNanos) / 1_000_000;
                    vertx.setTimer(nextRoundInMillis(probe.recoveryInterval().toMillis(), spacing.millis(), tookMillis,
                            heldBack.getAsBoolean()), next -> afterOfflineSpacing(startedAt));
                }
            });
        }

        private void afterOfflineSpacing(long roundAt) {
            long wait = offline && needsConnection && !result.future().isComplete()
                    ? offlineRoundAtMillis(roundAt, probe.spacing(phase.duration()), end.toMillis()) - clock.nowMillis() : 0;
            if (wait <= 0) {
                periodicRound();
                return;
            }
            ScenarioClock.Timer[] mine = new ScenarioClock.Timer[1];
            mine[0] = clock.schedule(Duration.ofMillis(wait), onHarness, () -> {
                // A round heard of meanwhile took this one's place, and may have parked its own.
                if (parked == mine[0]) {
                    parked = null;
                    periodicRound();
                }
            });
            parked = mine[0];
        }

        /**
         * Probes every function once; completes the result when all worked, when the device's
         * client has given up (it needs a person, and waiting longer would measure nothing), or
         * when the phase is over.
         */
        Future<Void> round() {
            if (result.future().isComplete()) {
                return Future.succeededFuture();
            }
            long roundAt = clock.nowMillis();
            long roundNanos = System.nanoTime();
            if (roundAt >= end.toMillis()) {
                return fleet.status(ref).map(status -> settle(false, roundAt, roundNanos, status));
            }
            int round = rounds++;
            List<Future<ProbeObserved>> probes = new ArrayList<>();
            long lagMillis = cloudLagMillis.getAsLong();
            for (FunctionSpec function : ref.model().functions()) {
                ProbePatience patience = ProbePatience.realTime(timeout(function, probe.recoveryTimeout(), lagMillis));
                probes.add(prober.probe(phase.name(), round, false, ref, function, patience).onSuccess(log::add));
                started.add(probes.get(probes.size() - 1));
            }
            return Future.join(probes).compose(all -> {
                boolean back = probes.stream().allMatch(done -> done.succeeded() && done.result().ok());
                if (!back && roundAt > failingSince) {
                    failingSince = roundAt;
                    failingSinceNanos = roundNanos;
                }
                return fleet.status(ref).map(status -> {
                    offline = !status.getBoolean("connected", true);
                    return back || needsPerson(status) ? settle(back, roundAt, roundNanos, status) : null;
                });
            });
        }

        private Void settle(boolean recovered, long roundAt, long roundNanos, JsonObject status) {
            long nowNanos = System.nanoTime();
            long after = roundAt - outageEndedAt;
            long within = Math.max(0, roundAt - failingSince);
            if (recovered && reconnectAttemptAt >= 0 && (roundNanos >= reconnectAttemptNanos || needsConnection)) {
                // After the reconnect, only network exchanges: their real length, not times the scale. A round begun
                // before the attempt that reconnected a device that needs its connection found it back once connected,
                // between the attempt's start and the round's answers (a probe's wait of 500 ms was 15 min of
                // scenario time on the ramp, and the recovery read that much too early).
                long foundNanos = roundNanos >= reconnectAttemptNanos ? roundNanos : nowNanos;
                after = reconnectAttemptAt - outageEndedAt + (foundNanos - reconnectAttemptNanos) / 1_000_000;
                within = (foundNanos - Math.max(reconnectAttemptNanos, failingSinceNanos)) / 1_000_000;
            }
            long foundAfterMillis = (nowNanos - startNanos) / 1_000_000;
            result.tryComplete(new RecoveryObserved(roundAt, ref.id(), ref.model().id(), recovered, after, within,
                    foundAfterMillis, reconnectedBy(reconnectedRealAfterMillis, foundAfterMillis, recovered),
                    describeState(status), needsPerson(status)));
            return null;
        }
    }

    private static boolean needsPerson(JsonObject status) {
        return status.getBoolean("needsPerson", false);
    }

    /**
     * What the device says its state is, with its connection and session, e.g. {@code cleaning, offline};
     * an external device's session is not seen, so nothing is said of it.
     */
    private static String describeState(JsonObject status) {
        return status.getString("state") + (status.getBoolean("connected") ? "" : ", offline")
                + (status.getBoolean("sessionValid", true) ? "" : ", no session");
    }
}
