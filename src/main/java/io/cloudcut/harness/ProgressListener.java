package io.cloudcut.harness;

import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.mqtt.StuckConnects;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.scenario.Phase;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** What a run tells whoever watches it (the terminal, later a dashboard) while it goes. */
public interface ProgressListener {

    ProgressListener SILENT = new ProgressListener() {
    };

    default void starting(String what) {
    }

    /** The broker is up: where the run's MQTT traffic can be watched. */
    default void brokerStarted(BrokerEndpoint endpoint) {
    }

    /** The emulated cloud's services are up and connected; nothing of the fleet has started yet. */
    default void cloudStarted() {
    }

    /**
     * Every device connected ({@code connectedIn} after the first was deployed) and holding a session
     * ({@code readyIn}: signed in).
     */
    default void fleetReady(int devices, Duration connectedIn, Duration readyIn) {
    }

    /** Before the clock starts, these devices, connected for {@code unansweredFor} without a token, were asked to sign in again. */
    default void signInAskedAgain(List<String> devices, Duration unansweredFor) {
    }

    /** While the fleet started, this many devices' connects ran out of time, and fewer were started at once for it. */
    default void startSlowed(int devicesRanOutOfTime) {
    }

    /** The scenario clock's pace, chosen before the baseline starts. */
    default void clockChosen(String description) {
    }

    /** @param pace how fast the clock runs now, e.g. {@code real time for 6s then ramping to 1800x} */
    default void phaseStarted(Phase phase, int index, int phases, String pace) {
    }

    default void faultChanged(String description) {
    }

    default void probeRoundFinished(Phase phase, int round, int rounds, long ok, long failed) {
    }

    default void recoveryProgress(Phase phase, int recovered, int devices) {
    }

    /** The harness checked its own figures over the baseline; an unhealthy baseline ends the run without verdicts. */
    default void healthChecked(HealthObserved health) {
    }

    /**
     * A run at {@code auto} whose baseline at {@code refusedAt} was refused for the harness's load runs again from the start,
     * at {@code slower} ({@link ScenarioRunner#AUTO_RUNS_AGAIN}).
     */
    default void runningAgain(double refusedAt, HealthObserved baseline, double slower) {
    }

    /** Where the run stands, every {@link ScenarioRunner#STATUS_EVERY} of real time from the fleet's start to the end. */
    default void status(RunStatus status) {
    }

    /**
     * The devices on Paho left connect threads waiting for ever in this process ({@link StuckConnects}): what each would
     * keep on a real device.
     */
    default void connectsStuck(StuckConnects stuck) {
    }

    default void finished() {
    }

    /**
     * Every observation of the run as it is logged, from the first ({@code run-started}, what runs) to
     * the last ({@code run-ended}), on whichever thread logs it: it must not block. What a live view
     * counts from, so that it shows what the report will count.
     */
    default void observed(Observation observation) {
    }

    /** Hears only the observations, each passed to {@code observer} (which must not block either). */
    static ProgressListener observing(Consumer<Observation> observer) {
        return new ProgressListener() {
            @Override
            public void observed(Observation observation) {
                observer.accept(observation);
            }
        };
    }

    /** Tells both listeners everything, {@code first} first: the terminal and a dashboard, say. */
    static ProgressListener both(ProgressListener first, ProgressListener second) {
        return new ProgressListener() {
            private void tell(Consumer<ProgressListener> call) {
                call.accept(first);
                call.accept(second);
            }

            @Override
            public void starting(String what) {
                tell(listener -> listener.starting(what));
            }

            @Override
            public void brokerStarted(BrokerEndpoint endpoint) {
                tell(listener -> listener.brokerStarted(endpoint));
            }

            @Override
            public void cloudStarted() {
                tell(ProgressListener::cloudStarted);
            }

            @Override
            public void fleetReady(int devices, Duration connectedIn, Duration readyIn) {
                tell(listener -> listener.fleetReady(devices, connectedIn, readyIn));
            }

            @Override
            public void signInAskedAgain(List<String> devices, Duration unansweredFor) {
                tell(listener -> listener.signInAskedAgain(devices, unansweredFor));
            }

            @Override
            public void connectsStuck(StuckConnects stuck) {
                tell(listener -> listener.connectsStuck(stuck));
            }

            @Override
            public void startSlowed(int devicesRanOutOfTime) {
                tell(listener -> listener.startSlowed(devicesRanOutOfTime));
            }

            @Override
            public void clockChosen(String description) {
                tell(listener -> listener.clockChosen(description));
            }

            @Override
            public void runningAgain(double refusedAt, HealthObserved baseline, double slower) {
                tell(listener -> listener.runningAgain(refusedAt, baseline, slower));
            }

            @Override
            public void phaseStarted(Phase phase, int index, int phases, String pace) {
                tell(listener -> listener.phaseStarted(phase, index, phases, pace));
            }

            @Override
            public void faultChanged(String description) {
                tell(listener -> listener.faultChanged(description));
            }

            @Override
            public void probeRoundFinished(Phase phase, int round, int rounds, long ok, long failed) {
                tell(listener -> listener.probeRoundFinished(phase, round, rounds, ok, failed));
            }

            @Override
            public void recoveryProgress(Phase phase, int recovered, int devices) {
                tell(listener -> listener.recoveryProgress(phase, recovered, devices));
            }

            @Override
            public void healthChecked(HealthObserved health) {
                tell(listener -> listener.healthChecked(health));
            }

            @Override
            public void status(RunStatus status) {
                tell(listener -> listener.status(status));
            }

            @Override
            public void finished() {
                tell(ProgressListener::finished);
            }

            @Override
            public void observed(Observation observation) {
                tell(listener -> listener.observed(observation));
            }
        };
    }
}
