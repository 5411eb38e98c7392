package io.cloudcut.harness;

import io.cloudcut.scenario.Scenario;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run goes at its external devices' pace or not at all. */
class ExternalClocksTest {

    /** A bench doorbell (its functions started on the device probed over HTTP) in a run at {@code runScale}. */
    private static Scenario doorbell(Path dir, String runScale, String deviceScale, String phaseScale) throws Exception {
        String yaml = "name: bench\ntimeScale: " + runScale + "\nexternal:\n  - id: bench-doorbell\n"
                + "    model: doorbell-cloud-only\n    listen: 127.0.0.1:18831\n"
                + (deviceScale == null ? "" : "    timeScale: " + deviceScale + "\n")
                + "    probes:\n"
                + "      chime: {http: {url: \"http://127.0.0.1:8081/functions/chime\"}}\n"
                + "      motion-alert: {http: {url: \"http://127.0.0.1:8081/functions/motion-alert\"}}\n"
                + "      push-notification: {http: {url: \"http://127.0.0.1:8081/functions/push-notification\"}}\n"
                + "phases:\n  - {name: baseline, kind: baseline, duration: 1h}\n"
                + "  - {name: outage, kind: outage, duration: 1h" + (phaseScale == null ? "" : ", timeScale: " + phaseScale)
                + ", faults: [{link: all, fault: blackhole}]}\n";
        return Scenarios.loader(Project.root()).load(Files.writeString(dir.resolve("bench.yaml"), yaml));
    }

    @Test
    void aDeviceOnRealTime_inARunAt3600x_isRefusedWithBothWaysOut(@TempDir Path dir) throws Exception {
        Scenario scenario = doorbell(dir, "3600", null, null);

        assertThatThrownBy(() -> ExternalClocks.check(scenario)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("goes at time scale 3600x, but external device bench-doorbell runs at 1x")
                .hasMessageContaining("cloudcut device --time-scale 3600")
                .hasMessageContaining("timeScale: 3600 for it")
                .hasMessageContaining("run at its pace (--time-scale 1)");
    }

    @Test
    void aDeviceAtTheRunsPace_passes(@TempDir Path dir) throws Exception {
        assertThatCode(() -> ExternalClocks.check(doorbell(dir, "3600", "3600", null))).doesNotThrowAnyException();
        assertThatCode(() -> ExternalClocks.check(doorbell(dir, "1", null, null))).doesNotThrowAnyException();
    }

    @Test
    void aPhaseAtAnotherPace_isRefusedToo(@TempDir Path dir) throws Exception {
        Scenario scenario = doorbell(dir, "3600", "3600", "60");

        assertThatThrownBy(() -> ExternalClocks.check(scenario)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("goes at time scale 3600x (and some phases at 60x), but external device "
                        + "bench-doorbell runs at 3600x")
                .hasMessageContaining("a phase's own timeScale must be that pace too");
    }

    @Test
    void autoIsRefusedUnlessItLandsOnTheDevicesPace_andSaysWhatItPickedHere(@TempDir Path dir) throws Exception {
        Scenario scenario = doorbell(dir, "auto", "7", null);

        assertThatThrownBy(() -> ExternalClocks.check(scenario)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(auto, on this machine)").hasMessageContaining("runs at 7x");
    }
}
