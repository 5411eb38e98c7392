package io.cloudcut.report;

import io.cloudcut.observation.ClockObserved;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The clock's scale at a moment comes from its changes of scale, not from its stands for attempts. */
class ClockPaceTest {

    @Test
    void aStandForAttemptsChangesNoScale_evenObservedLateInAWorkersBatch() {
        ClockPace pace = new ClockPace(List.of(new ClockObserved(0, 600, ClockObserved.Why.START),
                new ClockObserved(100_000, 1, ClockObserved.Why.TRANSITION),
                new ClockObserved(90_000, 600, ClockObserved.Why.ATTEMPTS)), 10);

        assertThat(pace.scaleAt(50_000)).isEqualTo(600);
        assertThat(pace.scaleAt(120_000)).as("real time since the transition").isEqualTo(1);
        assertThat(pace.resolutionSeconds(120_000, 0)).isEqualTo(0.011);
    }
}
