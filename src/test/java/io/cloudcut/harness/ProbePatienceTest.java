package io.cloudcut.harness;

import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioLoader;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProbePatienceTest {

    private static final Duration PHASE_END = Duration.ofHours(10);
    private final ProbePatience phase = new ProbePatience(Duration.ofSeconds(1), Duration.ofHours(1), PHASE_END);

    @Test
    void aProbeWaitsOnTheScenarioClockForItsTime_butNotPastItsPhase() {
        assertThat(phase.waitsUntil(Duration.ofHours(2))).isEqualTo(Duration.ofHours(3));
        assertThat(phase.waitsUntil(Duration.ofHours(9).plusMinutes(40))).isEqualTo(PHASE_END);
    }

    @Test
    void anAnswerHeldLongerThanTheProbeWaits_orUntilAfterItsPhase_comesTooLate() {
        long twoHours = Duration.ofHours(2).toMillis();
        assertThat(phase.heldTooLong(twoHours, Duration.ofMinutes(20).toMillis())).isEmpty();
        assertThat(phase.heldTooLong(twoHours, Duration.ofMinutes(61).toMillis())).hasValue("held for 1h1m, past 1h of scenario time");
        assertThat(phase.heldTooLong(PHASE_END.minusMinutes(10).toMillis(), Duration.ofMinutes(20).toMillis()))
                .as("a doorbell's alert buffered through an outage and delivered after it").hasValue("held for 20m, until after its phase ended");
        assertThat(phase.heldTooLong(PHASE_END.minusMinutes(10).toMillis(), 0))
                .as("an answer not held, late for the harness's or the network's reasons: its real timeout decides").isEmpty();
        assertThat(ProbePatience.realTime(Duration.ofSeconds(1)).heldTooLong(twoHours, Duration.ofHours(5).toMillis()))
                .as("a recovery's probe asks whether the device is back, however long its answer was held").isEmpty();
    }

    /** At a slow clock a probe's scenario hour is minutes of real time: it waits them, and a limit more for a clock held slower. */
    @Test
    void aProbeWaitsItsScenarioTimeAtItsPhasesScale_inRealTime() throws Exception {
        Scenario kinesis = new ScenarioLoader(Project.root()).load(Project.file("scenarios/kinesis-2020.yaml"));

        assertThat(ProbePatience.of(kinesis, PHASE_END, 160).mostOnTheClock()).as("an hour at 160x: 22.5 s")
                .isEqualTo(ProbeWait.MOST_ON_THE_SCENARIO_CLOCK.plusMillis(22_500));
        assertThat(ProbePatience.of(kinesis, PHASE_END, 10).mostOnTheClock()).as("an hour at 10x: 6 min")
                .isEqualTo(ProbeWait.MOST_ON_THE_SCENARIO_CLOCK.plusMinutes(6));
        assertThat(ProbePatience.of(kinesis, PHASE_END, 10).longest()).as("its real timeout and the harness's stalls too")
                .isEqualTo(Duration.ofSeconds(1).plus(ProbeWait.MOST_DRAWN_OUT).plus(ProbeWait.MOST_ON_THE_SCENARIO_CLOCK).plusMinutes(6));
        assertThat(ProbePatience.realTime(Duration.ofSeconds(1)).longest()).isEqualTo(Duration.ofSeconds(1).plus(ProbeWait.MOST_DRAWN_OUT));
    }

    @Test
    void aFailureSaysBothWaits() {
        assertThat(phase).hasToString("1000 ms and up to 1h of scenario time");
        assertThat(ProbePatience.realTime(Duration.ofMillis(500))).hasToString("500 ms");
    }
}
