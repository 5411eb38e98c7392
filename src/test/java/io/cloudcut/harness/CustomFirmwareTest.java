package io.cloudcut.harness;

import io.cloudcut.report.FunctionReport;
import io.cloudcut.report.FunctionVerdict;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.ModelVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A firmware class of the user's, named in a model file, runs through a scenario like the built-in ones. */
class CustomFirmwareTest {

    @Test
    void aUsersFirmwareIsMeasuredByWhatItDoes(@TempDir Path project) throws Exception {
        Path devices = ScenarioRuns.projectWithDefaultCloud(project);
        Files.writeString(devices.resolve("online-only-vacuum.yaml"), """
                # A vacuum whose Clean button checks with the cloud although its session policy keeps local functions.
                kind: vacuum
                firmware: io.cloudcut.harness.OnlineOnlyFirmware
                keepAlive: 2s
                connectTimeout: 1s
                functions:
                  - {name: clean-button, path: local, role: primary}
                  - {name: spot-clean, path: local}
                session: {tokenTtl: 1h, onLoss: keep-local}
                reconnect: {initialDelay: 1m, maxDelay: 5m}
                """);
        ScenarioRuns run = ScenarioRuns.run(project, project, """
                name: custom
                timeScale: 3600
                probe: {rounds: 2, timeout: 1s}
                fleet: [{model: online-only-vacuum, count: 2}]
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - {name: cut, kind: outage, duration: 3h, settle: 1h, faults: [{link: all, fault: refuse}]}
                  - {name: recovery, kind: recovery, duration: 3h}
                """);
        ModelReport model = run.report().model("online-only-vacuum");
        FunctionReport button = model.functions().get(0);
        assertThat(button.phases().get("baseline").ok()).as("2 devices, a 1 h baseline probed every 15 min").isEqualTo(8);
        assertThat(button.verdict()).isEqualTo(FunctionVerdict.LOST);
        assertThat(button.lastFailure()).contains("this firmware needs the cloud right now");
        assertThat(model.functions().get(1).verdict()).isEqualTo(FunctionVerdict.KEPT);
        assertThat(model.verdict()).as("its primary refused by the firmware itself").isEqualTo(ModelVerdict.FAIL_CLOSED);
        assertThat(model.recovery().recovered()).isEqualTo(2);
    }
}
