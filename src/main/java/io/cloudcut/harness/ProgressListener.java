package io.cloudcut.harness;

import io.cloudcut.scenario.Phase;

/** What a run tells whoever watches it (the terminal, later a dashboard) while it goes. */
public interface ProgressListener {

    ProgressListener SILENT = new ProgressListener() {
    };

    default void starting(String what) {
    }

    default void phaseStarted(Phase phase, int index, int phases) {
    }

    default void faultChanged(String description) {
    }

    default void probeRoundFinished(Phase phase, int round, int rounds, long ok, long failed) {
    }

    default void recoveryProgress(Phase phase, int recovered, int devices) {
    }

    default void finished() {
    }
}
