package io.cloudcut.cli;

import io.cloudcut.harness.FewNames;
import io.cloudcut.harness.ProgressListener;
import io.cloudcut.harness.RunStatus;
import io.cloudcut.mqtt.StuckConnects;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.WireNames;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Progress on the terminal while a run goes, each line stamped with the real time elapsed: a line per
 * step and per phase. Live (a person at a terminal), the rounds and recoveries go into one status
 * line, redrawn in place under the others: phase, scenario time, devices connected and recovered,
 * faults in force, health. In a log they come as lines of their own, at most one every two seconds.
 */
final class TerminalProgress implements ProgressListener {

    private static final long QUIET_NANOS = 2_000_000_000L;
    /** Carriage return, then erase the line: the status line is redrawn from its start. */
    private static final String CLEAR_LINE = "\r\u001B[2K";
    /** A status line longer than the terminal would wrap, and a carriage return would then redraw only its end. */
    private static final int STATUS_WIDTH_FALLBACK = 100;

    private final PrintWriter out;
    private final boolean live;
    private final int statusWidth;
    private final long startNanos = System.nanoTime();
    private long lastRoundLineNanos;
    private long lastRecoveryLineNanos;
    private String statusLine = "";

    TerminalProgress(PrintWriter out, Scenario scenario, boolean live) {
        this.out = out;
        this.live = live;
        this.statusWidth = columns();
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
    public void startSlowed(int devicesRanOutOfTime) {
        say(String.format(Locale.ROOT, "%d device%s connects ran out of time while the fleet started: fewer start at once "
                        + "until devices connect in time (over TLS, a connect costs four handshake sides on this machine)",
                devicesRanOutOfTime, devicesRanOutOfTime == 1 ? "'s" : "s'"));
    }

    @Override
    public void connectsStuck(StuckConnects stuck) {
        say(String.format(Locale.ROOT, "warning: Paho's connect left %,d thread%s of %,d device%s waiting for ever: Paho 1.2.5 "
                        + "waits for each loop it starts to say it runs, and one whose connection ended first never does "
                        + "(eclipse-paho/paho.mqtt.java#953); a device on it keeps one for each such connect, and wakes it "
                        + "ten times a second. %s", stuck.threads(), stuck.threads() == 1 ? "" : "s", stuck.devices(),
                stuck.devices() == 1 ? "" : "s", stuck.ended()
                        ? "CloudCut ended each once found, so that they did not weigh on the run"
                        : "This JVM cannot end a thread (Java 20 on): they weighed on the run, and with thousands the harness "
                        + "measures itself"));
    }

    @Override
    public void signInAskedAgain(List<String> devices, Duration unansweredFor) {
        say(String.format(Locale.ROOT, "asked %d device%s to sign in again, connected %s without a token: %s",
                devices.size(), devices.size() == 1 ? "" : "s", Durations.format(unansweredFor),
                FewNames.of(devices)));
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
    public void runningAgain(double refusedAt, HealthObserved baseline, double slower) {
        say(String.format(Locale.ROOT, "the baseline at %sx was more than this machine can measure (%s); auto runs the "
                        + "scenario again from the start at %sx", Durations.number(refusedAt),
                baseline.figures(),
                Durations.number(slower)));
    }

    @Override
    public void healthChecked(HealthObserved health) {
        say(health.summary());
    }

    @Override
    public void faultChanged(String description) {
        say("  faults " + description);
    }

    @Override
    public synchronized void probeRoundFinished(Phase phase, int round, int rounds, long ok, long failed) {
        long now = System.nanoTime();
        if (!live && (round == rounds || now - lastRoundLineNanos > QUIET_NANOS)) {
            lastRoundLineNanos = now;
            say("  probes round " + round + "/" + rounds + ": " + ok + " ok, " + failed + " failed");
        }
    }

    @Override
    public synchronized void recoveryProgress(Phase phase, int recovered, int devices) {
        long now = System.nanoTime();
        if (!live && (recovered == devices || now - lastRecoveryLineNanos > QUIET_NANOS)) {
            lastRecoveryLineNanos = now;
            say("  recovered " + recovered + "/" + devices + " devices");
        }
    }

    @Override
    public synchronized void status(RunStatus status) {
        if (!live) {
            return;
        }
        // The clock's hold last: on a narrow terminal the line is cut there, never at the health.
        String line = String.format(Locale.ROOT, "[%6.1fs] %s at %s | %d/%d connected | %d recovered | faults: %s | %s%s",
                elapsedSeconds(), status.phase(), Durations.format(Duration.ofSeconds(status.scenarioTime().toSeconds())),
                status.connected(), status.devices(), status.recovered(),
                status.faults().isEmpty() ? "none" : String.join(", ", status.faults()),
                status.healthy() == null ? "health: not judged yet" : status.healthy() ? "healthy" : "NOT HEALTHY",
                status.clock() == null ? "" : " | " + status.clock());
        statusLine = line.length() > statusWidth ? line.substring(0, statusWidth - 3) + "..." : line;
        out.print(CLEAR_LINE + statusLine);
        out.flush();
    }

    @Override
    public synchronized void finished() {
        statusLine = "";
        say("done");
    }

    /** A line of its own; live, it goes above the status line, which is drawn again under it. */
    private synchronized void say(String line) {
        if (live) {
            out.print(CLEAR_LINE);
        }
        out.printf("[%6.1fs] %s%n", elapsedSeconds(), line);
        if (live) {
            out.print(statusLine);
        }
        out.flush();
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The terminal's width when the shell says it ({@code COLUMNS}), else a width most terminals have. */
    private static int columns() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "")));
        } catch (NumberFormatException unknown) {
            return STATUS_WIDTH_FALLBACK;
        }
    }
}
