package io.cloudcut.cli;

import io.cloudcut.harness.RunStatus;
import io.cloudcut.mqtt.StuckConnects;
import io.cloudcut.report.Palette;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.PhaseKind;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.testing.Project;
import io.cloudcut.harness.Scenarios;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The terminal while a run goes: live, one status line redrawn in place under the step lines; in a
 * log, lines only; colours only where a person watches and did not refuse them.
 */
class TerminalOutputTest {

    private static final String CLEAR_LINE = "\r\u001B[2K";
    private static final RunStatus DURING_THE_OUTAGE = new RunStatus(Duration.ofMinutes(125), "outage", 6, 0, 8,
            List.of("ingest down", "blackhole"), true, Map.of("m", 6), null);

    private final StringWriter written = new StringWriter();

    @Test
    void liveTheStatusLineIsRedrawnInPlace_andAStepLineGoesAboveIt() throws Exception {
        TerminalProgress progress = new TerminalProgress(new PrintWriter(written), shortOutage(), true);

        progress.status(DURING_THE_OUTAGE);
        progress.recoveryProgress(recovery(), 1, 8);
        progress.faultChanged("none");
        progress.status(new RunStatus(Duration.ofMinutes(190), "recovery", 8, 8, 8, List.of(), true, Map.of("m", 8),
                "clock held for the cloud"));
        progress.finished();

        String screen = written.toString();
        assertThat(screen).containsPattern("\r\u001B\\[2K\\[ *[0-9.]+s\\] outage at 2h5m \\| 6/8 connected \\| 0 recovered"
                + " \\| faults: ingest down, blackhole \\| healthy");
        assertThat(screen).as("the clock's hold, when the harness holds it back, after the health: a line too wide for the "
                        + "terminal is cut there").contains("recovery at 3h10m | 8/8 connected | 8 recovered | faults: none | healthy "
                        + "| clock held f...");
        assertThat(screen).as("a step line clears the status line, then draws it again under itself")
                .containsPattern("healthy\r\u001B\\[2K\\[ *[0-9.]+s\\]   faults none\n\\[ *[0-9.]+s\\] outage at 2h5m");
        assertThat(screen).as("recoveries are counted on the status line, not a line each")
                .doesNotContain("recovered 1/8 devices").contains("| 8 recovered |");
        assertThat(screen).as("the status line makes way for the last line").endsWith("clock held f..." + CLEAR_LINE
                + screen.substring(screen.lastIndexOf('[')));
        assertThat(screen).endsWith("s] done\n");
    }

    @Test
    void inALogThereIsNoStatusLineNorEscape_andRecoveriesComeAsLinesAtMostEveryTwoSecondsAndTheLast() throws Exception {
        TerminalProgress progress = new TerminalProgress(new PrintWriter(written), shortOutage(), false);

        progress.status(DURING_THE_OUTAGE);
        for (int recovered = 1; recovered <= 8; recovered++) {
            progress.recoveryProgress(recovery(), recovered, 8);
        }
        progress.finished();

        String log = written.toString();
        assertThat(log).doesNotContain("\u001B", "\r", "connected |");
        assertThat(log).contains("recovered 1/8 devices", "recovered 8/8 devices").doesNotContain("recovered 4/8");
    }

    /** Before the clock starts: how many devices' connects ran out of time, for which fewer start at once. */
    @Test
    void aStartThatSlowedSaysHowManyRanOutOfTime() throws Exception {
        TerminalProgress progress = new TerminalProgress(new PrintWriter(written), shortOutage(), false);

        progress.startSlowed(1);
        progress.startSlowed(14);

        assertThat(written.toString())
                .contains("1 device's connects ran out of time while the fleet started: fewer start at once until devices "
                        + "connect in time (over TLS, a connect costs four handshake sides on this machine)\n")
                .contains("14 devices' connects ran out of time while the fleet started");
    }

    /** Paho's connect threads left waiting for ever are a warning with their count, their devices' and the cause. */
    @Test
    void connectThreadsPahoLeftWaitingAreAWarning() throws Exception {
        TerminalProgress progress = new TerminalProgress(new PrintWriter(written), shortOutage(), false);

        progress.connectsStuck(new StuckConnects(Map.of("robot-1", 1L), true));
        progress.connectsStuck(new StuckConnects(Map.of("robot-1", 3000L, "doorbell-1", 2577L), false));

        assertThat(written.toString())
                .contains("warning: Paho's connect left 1 thread of 1 device waiting for ever: Paho 1.2.5 waits for each loop it "
                        + "starts to say it runs, and one whose connection ended first never does (eclipse-paho/paho.mqtt.java#953)")
                .contains("CloudCut ended each once found, so that they did not weigh on the run")
                .contains("warning: Paho's connect left 5,577 threads of 2 devices waiting for ever")
                .contains("This JVM cannot end a thread (Java 20 on): they weighed on the run");
    }

    /** Before the clock starts: who was asked to sign in again, a few by name. */
    @Test
    void devicesAskedToSignInAgainAreCountedAndAFewNamed() throws Exception {
        TerminalProgress progress = new TerminalProgress(new PrintWriter(written), shortOutage(), false);

        progress.signInAskedAgain(List.of("vacuum-1"), Duration.ofSeconds(15));
        progress.signInAskedAgain(List.of("a", "b", "c", "d", "e", "f", "g"), Duration.ofSeconds(15));

        assertThat(written.toString())
                .contains("asked 1 device to sign in again, connected 15s without a token: vacuum-1\n")
                .contains("asked 7 devices to sign in again, connected 15s without a token: a, b, c, d, e and 2 more\n");
    }

    @Test
    void coloursOnlyOnAnInteractiveTerminal_withoutNoColorOrTheOption() {
        assertThat(TerminalOptions.palette(false, Map.of("TERM", "xterm-256color"), true)).isEqualTo(Palette.ANSI);
        assertThat(TerminalOptions.palette(true, Map.of(), true)).as("--no-color").isEqualTo(Palette.PLAIN);
        assertThat(TerminalOptions.palette(false, Map.of("NO_COLOR", "1"), true)).as("NO_COLOR").isEqualTo(Palette.PLAIN);
        assertThat(TerminalOptions.palette(false, Map.of("NO_COLOR", ""), true)).as("NO_COLOR empty: not set, says no-color.org")
                .isEqualTo(Palette.ANSI);
        assertThat(TerminalOptions.palette(false, Map.of(), false)).as("a log or a pipe").isEqualTo(Palette.PLAIN);
        assertThat(TerminalOptions.palette(false, Map.of("TERM", "dumb"), true)).isEqualTo(Palette.PLAIN);
    }

    private static Scenario shortOutage() throws Exception {
        return Scenarios.loader(Project.root()).load(Project.file("scenarios/short-outage.yaml"));
    }

    private static Phase recovery() throws Exception {
        return shortOutage().phases().stream().filter(phase -> phase.kind() == PhaseKind.RECOVERY).findFirst().orElseThrow();
    }
}
