package io.cloudcut.harness;

import io.cloudcut.observation.HealthObserved;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness's warm-up: it is there to take the start-up's stalls, so the harness's health over the run
 * is judged from when the clock started, as the baseline's is, and a stall in the warm-up is not read as
 * the run's; and a round of it may take as long as a large fleet's spread needs.
 */
class WarmUpStallTest {

    /**
     * A warm-up round spreads its probes as the first phase's will, over as much as 50 s for 18,000
     * devices at 36x: it may take that stretch, its probes' timeout, and a minute for their answers.
     */
    @Test
    void aWarmUpRoundMayTakeItsStretch_itsProbesTimeout_andAMinuteForTheAnswers() {
        assertThat(Timeline.warmUpRoundLimit(Duration.ofSeconds(50), Duration.ofMillis(1500)))
                .isEqualTo(Duration.ofMillis(111_500));
        assertThat(Timeline.warmUpRoundLimit(Duration.ofMillis(200), Duration.ofSeconds(2)))
                .isEqualTo(Duration.ofSeconds(2).plus(Duration.ofMillis(200)).plus(Timeline.WARM_UP_ANSWERS_LIMIT));
    }

    @Test
    void aStallInTheWarmUp_pastAConnectionsMargin_isNotTheRunsHealthProblem(@TempDir Path project) throws Exception {
        Path devices = ScenarioRuns.projectWithEmbeddedBroker(project);
        // A connection survives a stall of half its keepalive, 1 s: less than the warm-up's 1.5 s. Its
        // acknowledgements may be 5 s late, and its broker drops it after 3 s unheard, so the stall costs it nothing.
        Files.writeString(devices.resolve("warm-up-stalling-doorbell.yaml"), """
                kind: doorbell
                firmware: io.cloudcut.harness.WarmUpStallingFirmware
                keepAlive: 2s
                connectTimeout: 5s
                functions: [{name: chime, path: local, role: primary}]
                """);
        int stallsBefore = WarmUpStallingFirmware.STALLS.get();

        ScenarioRuns run = ScenarioRuns.run(project, project, """
                name: warm-up-stall
                timeScale: 3600
                fleet: [{model: warm-up-stalling-doorbell, count: 1}]
                phases:
                  - {name: baseline, kind: baseline, duration: 30m}
                  - {name: outage, kind: outage, duration: 30m, faults: [{service: ingest, fault: down}]}
                """);

        assertThat(WarmUpStallingFirmware.STALLS.get() - stallsBefore).as("stalls in the warm-up").isPositive();
        HealthObserved overTheRun = run.result().health(HealthObserved.Window.RUN).orElseThrow();
        assertThat(overTheRun.problems()).as("the run's health problems").noneMatch(problem ->
                problem.contains(HealthObserved.STALLED_PAST_A_CONNECTION));
        assertThat(overTheRun.healthy()).as("healthy over the run: %s", overTheRun.problems()).isTrue();
        assertThat(run.report().model("warm-up-stalling-doorbell").functions().get(0).phases().get("baseline").failed())
                .as("baseline probes failed").isZero();
    }
}
