package io.cloudcut.harness;

import io.cloudcut.report.ModelReport;
import io.cloudcut.report.RecoveryReport;
import io.cloudcut.report.RecoveryVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A device whose client gives up reconnecting during an outage never comes back by itself: it needs
 * a person, and the recovery phase does not wait for it.
 */
class StuckDeviceTest {

    @Test
    void aClientThatGaveUpIsStuckAndOneStillTryingIsNot(@TempDir Path project) throws Exception {
        Path devices = ScenarioRuns.projectWithDefaultCloud(project);
        String model = """
                kind: doorbell
                keepAlive: 2s
                connectTimeout: 1s
                functions:
                  - {name: chime, path: local, role: primary}
                  - {name: live-view, path: cloud}
                session: {tokenTtl: 1h, onLoss: keep-local}
                """;
        Files.writeString(devices.resolve("quitter.yaml"), "# Gives up after 3 failed reconnects.\n" + model
                + "reconnect: {initialDelay: 10m, multiplier: 1, maxDelay: 10m, giveUpAfter: 3}\n");
        Files.writeString(devices.resolve("stayer.yaml"), "# Never gives up.\n" + model
                + "reconnect: {initialDelay: 10m, multiplier: 1, maxDelay: 10m}\n");
        ScenarioRuns run = ScenarioRuns.run(project, project, """
                name: give-up
                timeScale: 3600
                probe: {rounds: 1, timeout: 1s}
                fleet: [{model: quitter}, {model: stayer}]
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - {name: cut, kind: outage, duration: 3h, settle: 1h, faults: [{link: all, fault: refuse}]}
                  - {name: recovery, kind: recovery, duration: 3h}
                """);
        ModelReport quitter = run.report().model("quitter");
        assertThat(quitter.recovery().recovered()).isZero();
        assertThat(quitter.recovery().devices()).singleElement().satisfies(stuck -> {
            assertThat(stuck.verdict()).isEqualTo(RecoveryVerdict.NEEDS_A_PERSON);
            assertThat(stuck.lastState()).contains("offline");
        });
        RecoveryReport stayer = run.report().model("stayer").recovery();
        assertThat(stayer.recovered()).isEqualTo(1);
        assertThat(stayer.notBack()).isEmpty();
        assertThat(run.phaseLasted("recovery")).as("the recovery ends once one device is back and the other gave up")
                .isLessThan(Duration.ofHours(3));
    }
}
