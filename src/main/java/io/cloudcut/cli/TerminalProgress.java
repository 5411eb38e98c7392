package io.cloudcut.cli;

import io.cloudcut.harness.ProgressListener;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.WireNames;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** Progress lines on the terminal while a run goes, each stamped with the real time elapsed. */
final class TerminalProgress implements ProgressListener {

    private final PrintWriter out;
    private final long startNanos = System.nanoTime();
    private long lastRoundLineNanos;

    TerminalProgress(PrintWriter out, Scenario scenario) {
        this.out = out;
        out.printf("scenario %s: %d devices, %s of scenario time, time scale %s%n", scenario.name(),
                scenario.deviceCount(), Durations.format(scenario.duration()), scenario.timeScale());
        out.flush();
    }

    @Override
    public void starting(String what) {
        say("starting " + what);
    }

    @Override
    public void fleetReady(int devices, Duration connectedIn, Duration readyIn) {
        say(String.format(Locale.ROOT, "%d devices connected in %.1f s, signed in by %.1f s", devices,
                connectedIn.toNanos() / 1e9, readyIn.toNanos() / 1e9));
    }

    @Override
    public void clockChosen(String description) {
        say(description);
    }

    @Override
    public void phaseStarted(Phase phase, int index, int phases, String pace) {
        say("phase " + index + "/" + phases + " " + phase.name() + " (" + WireNames.of(phase.kind()) + ", "
                + Durations.format(phase.duration()) + "; clock: " + pace + ")");
    }

    @Override
    public void healthChecked(HealthObserved health) {
        say(health.summary());
    }

    @Override
    public void faultChanged(String description) {
        say("  faults " + description);
    }

    /** A line per round would flood the terminal with dense rounds: one at most every two seconds, and the last. */
    @Override
    public synchronized void probeRoundFinished(Phase phase, int round, int rounds, long ok, long failed) {
        long now = System.nanoTime();
        if (round == rounds || now - lastRoundLineNanos > 2_000_000_000L) {
            lastRoundLineNanos = now;
            say("  probes round " + round + "/" + rounds + ": " + ok + " ok, " + failed + " failed");
        }
    }

    @Override
    public void recoveryProgress(Phase phase, int recovered, int devices) {
        say("  recovered " + recovered + "/" + devices + " devices");
    }

    @Override
    public void finished() {
        say("done");
    }

    private synchronized void say(String line) {
        out.printf("[%6.1fs] %s%n", (System.nanoTime() - startNanos) / 1e9, line);
        out.flush();
    }
}
