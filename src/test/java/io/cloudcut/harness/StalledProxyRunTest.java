package io.cloudcut.harness;

import io.cloudcut.fault.FaultProxy;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.testing.ObservationRecorder;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose fault proxy stalls in the baseline, on the embedded broker over real TCP: the proxy's loops carry every
 * device's packets, so the harness watches them as it watches its own, and a stall longer than a device's connection
 * allows leaves the run without verdicts. Unwatched, such a stall read as the devices' doing.
 */
class StalledProxyRunTest {

    private static final String DEVICE = "doorbell-local-chime-1";
    /** Past doorbell-local-chime's margin: half its 2 s keepalive, and its 1 s connect time-out. */
    private static final Duration STALL = Duration.ofMillis(1_500);

    @Test
    void aProxyLoopStalledInTheBaseline_leavesTheRunWithoutVerdicts(@TempDir Path dir) throws Exception {
        ObservationRecorder recorder = new ObservationRecorder();
        RunResult result = new ScenarioRunner(RunSettings.embedded(Project.file("broker-config"))
                .watchedBy(ProgressListener.observing(recorder)),
                (FaultProxy proxy) -> proxy.link(DEVICE).add(new OnFirstPublishAfter("stalls-on-publish", Duration.ofMinutes(20),
                        StalledProxyRunTest::stall)))
                .run(scenario(dir));

        HealthObserved baseline = result.health(HealthObserved.Window.BASELINE).orElseThrow();
        assertThat(baseline.healthy()).isFalse();
        assertThat(baseline.problems()).anySatisfy(problem -> assertThat(problem).contains(HealthObserved.STALLED_PAST_A_CONNECTION));
        assertThat(recorder.only(PhaseObserved.class)).noneMatch(phase -> phase.phase().equals("outage"));
    }

    private static Scenario scenario(Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("scenario.yaml"), """
                name: stalled-proxy
                timeScale: 3600
                probe: {rounds: 2, timeout: 1500ms}
                fleet: [{model: doorbell-local-chime, count: 1}]
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - {name: outage, kind: outage, duration: 1h, faults: [{service: notify, fault: down}]}
                """);
        return Scenarios.loader(Project.root()).load(file);
    }

    /** Keeps the proxy's loop busy for {@link #STALL}. */
    private static void stall() {
        long until = System.nanoTime() + STALL.toNanos();
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
