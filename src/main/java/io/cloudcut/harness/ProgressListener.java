package io.cloudcut.harness;

import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.scenario.Phase;

import java.time.Duration;

/** What a run tells whoever watches it (the terminal, later a dashboard) while it goes. */
public interface ProgressListener {

    ProgressListener SILENT = new ProgressListener() {
    };

    default void starting(String what) {
    }

    /** The broker is up: where the run's MQTT traffic can be watched. */
    default void brokerStarted(BrokerEndpoint endpoint) {
    }

    /**
     * Every device connected ({@code connectedIn} after the first was deployed) and holding a session
     * ({@code readyIn}: signed in).
     */
    default void fleetReady(int devices, Duration connectedIn, Duration readyIn) {
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

    /** Where the run stands, every {@link ScenarioRunner#STATUS_EVERY} of real time from the fleet's start to the end. */
    default void status(RunStatus status) {
    }

    default void finished() {
    }
}
