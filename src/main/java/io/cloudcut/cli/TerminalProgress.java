package io.cloudcut.cli;

import io.cloudcut.harness.ProgressListener;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.WireNames;

import java.io.PrintWriter;

/** Progress lines on the terminal while a run goes, each stamped with the real time elapsed. */
final class TerminalProgress implements ProgressListener {

    private final PrintWriter out;
    private final long startNanos = System.nanoTime();

    TerminalProgress(PrintWriter out, Scenario scenario) {
        this.out = out;
        out.printf("scenario %s: %d devices, %s of scenario time at %.0fx (about %.0f s)%n", scenario.name(),
                scenario.deviceCount(), Durations.format(scenario.duration()), scenario.timeScale(),
                scenario.duration().toMillis() / 1000.0 / scenario.timeScale());
        out.flush();
    }

    @Override
    public void starting(String what) {
        say("starting " + what);
    }

    @Override
    public void phaseStarted(Phase phase, int index, int phases) {
        say("phase " + index + "/" + phases + " " + phase.name() + " (" + WireNames.of(phase.kind()) + ", "
                + Durations.format(phase.duration()) + ")");
    }

    @Override
    public void faultChanged(String description) {
        say("  faults " + description);
    }

    @Override
    public void probeRoundFinished(Phase phase, int round, int rounds, long ok, long failed) {
        say("  probes " + round + "/" + rounds + ": " + ok + " ok, " + failed + " failed");
    }

    @Override
    public void recoveryProgress(Phase phase, int recovered, int devices) {
        say("  recovered " + recovered + "/" + devices + " devices");
    }

    @Override
    public void finished() {
        say("done");
    }

    private void say(String line) {
        out.printf("[%6.1fs] %s%n", (System.nanoTime() - startNanos) / 1e9, line);
        out.flush();
    }
}
