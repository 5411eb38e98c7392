package io.cloudcut.cli;

import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real-time constant that the run's scale stretches over a scenario duration is warned about on
 * standard error before the run starts, and the run goes on: here as far as an external broker that
 * is not there, which ends it quickly (exit 3) without starting anything else.
 */
class RealTimeRaceWarningsTest {

    @TempDir
    Path dir;
    Path scenario;
    int closedPort;

    @BeforeEach
    void aScenarioWithSlowAuth() throws IOException {
        scenario = Files.writeString(dir.resolve("slow-auth.yaml"), """
                name: slow-auth
                timeScale: 1800
                fleet: [{model: doorbell-cloud-only}]
                probe: {every: 1h, timeout: 100ms}
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - name: brownout
                    kind: outage
                    duration: 2h
                    faults:
                      - service: auth
                        fault: slow
                        attributes: {latency: 500ms}
                """);
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
    }

    @Test
    void aRaceIsWarnedAboutWhereItIsWrittenBeforeTheRunStartsAndDoesNotStopIt() {
        CliRun run = run();

        assertThat(run.exitCode()).as("the run went on, as far as the missing broker").isEqualTo(3);
        List<String> warnings = warningLines(run);
        assertThat(warnings).singleElement().asString().isEqualTo("warning: " + scenario + ":13:22: "
                + "phases[1].faults[0].attributes.latency: at 1800x, 500ms of slow auth is 15m of scenario time, 50% of "
                + "doorbell-cloud-only's 30m token TTL: a renewal waits that long and may lapse because of the scale; "
                + "use a slower timeScale, or one for phase 'brownout' alone");
        assertThat(run.err().indexOf(warnings.get(0))).isLessThan(run.err().indexOf("error: "));
    }

    @Test
    void theScaleWarnedAboutIsTheOneTheRunUses() {
        assertThat(warningLines(run("--time-scale", "60"))).isEmpty();
        assertThat(warningLines(run("--time-scale", "auto"))).as("auto picks 3600x for one device")
                .anySatisfy(line -> assertThat(line).contains("at 3600x, 500ms of slow auth is 30m of scenario time"));
    }

    private CliRun run(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("run", scenario.toString(), "--project-dir",
                Project.root().toString(), "--broker", "tcp://127.0.0.1:" + closedPort));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<String> warningLines(CliRun run) {
        return run.err().lines().filter(line -> line.startsWith("warning: ")).toList();
    }
}
