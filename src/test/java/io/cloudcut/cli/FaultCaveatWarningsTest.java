package io.cloudcut.cli;

import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
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
 * What a fault leaves to the broker is warned about before a run starts. A fault after which the embedded broker holds
 * a device's messages: before a run on that broker, not on an external one, whose behaviour is its own. The runs end
 * before anything starts: at a bad option checked after the warnings, or at an external broker that is not there.
 */
class FaultCaveatWarningsTest {

    @TempDir
    Path dir;

    @Test
    void aLossIsWarnedAboutOnTheEmbeddedBroker_andNotOnAnExternalOne() throws IOException {
        Path scenario = Files.writeString(dir.resolve("lossy.yaml"), """
                name: lossy
                fleet: [{model: doorbell-local-chime}]
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - {name: lossy, kind: outage, duration: 1h, faults: [{link: all, fault: loss}]}
                """);

        CliRun embedded = CliRun.of("run", scenario.toString(), "--project-dir", Project.root().toString(),
                "--dashboard", "--dashboard-linger", "soon");
        assertThat(embedded.exitCode()).as(embedded.err()).isEqualTo(2);
        List<String> warned = held(embedded);
        assertThat(warned).singleElement().asString().startsWith("warning: " + scenario + ":5:68: phases[1].faults[0].fault: "
                + "on the embedded broker, a QoS 1 message a device never acknowledges (lost by loss)");
        assertThat(embedded.err().indexOf(warned.get(0))).isLessThan(embedded.err().indexOf("error: --dashboard"));

        CliRun external = CliRun.of("run", scenario.toString(), "--project-dir", Project.root().toString(),
                "--broker", "tcp://127.0.0.1:" + closedPort());
        assertThat(external.exitCode()).isEqualTo(3);
        assertThat(held(external)).isEmpty();
    }

    /** A loopback port nothing listens on: an external broker that is not there. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<String> held(CliRun run) {
        return run.err().lines().filter(line -> line.startsWith("warning: ") && line.contains("embedded broker")).toList();
    }
}
