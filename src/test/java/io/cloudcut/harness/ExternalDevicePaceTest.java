package io.cloudcut.harness;

import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.DeviceProcess;
import io.cloudcut.testing.FreePorts;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code cloudcut device} started at real time, listed in a scenario that declares it at 3600x (the
 * run's pace): its sign-in tells its pace, and the run stops before its baseline, naming the flag.
 */
class ExternalDevicePaceTest {

    @Test
    void aDeviceStartedAtAnotherPaceThanDeclared_stopsTheRunBeforeItsBaseline(@TempDir Path dir) throws Exception {
        int listen = FreePorts.onLoopback();
        try (DeviceProcess device = DeviceProcess.start("bench-local-first", "vacuum-local-first",
                "tcp://127.0.0.1:" + listen, 1, dir)) {
            Path scenario = Files.writeString(dir.resolve("paces.yaml"), """
                    name: paces
                    timeScale: 3600
                    probe: {rounds: 1, timeout: 1500ms}
                    external:
                    %s
                    phases:
                      - {name: baseline, kind: baseline, duration: 1h}
                      - {name: outage, kind: outage, duration: 1h, faults: [{link: all, fault: blackhole}]}
                    """.formatted(ExternalDevicesScenarioTest.vacuum("bench-local-first", "vacuum-local-first", listen,
                    device.awaitHttpPort())));

            CliRun run = CliRun.of("run", scenario.toString(), "--project-dir", Project.root().toString());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
            assertThat(run.err()).contains("bench-local-first said 1x when it signed in, where the scenario declares 3600x "
                    + "for it: restart it with --time-scale 3600").doesNotContain("phase 1/2 baseline");
        }
    }
}
