package io.cloudcut.harness;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProbePatienceTest {

    private final ProbePatience phase = new ProbePatience(Duration.ofSeconds(1), Duration.ofHours(1));

    @Test
    void anAnswerTheCloudHeldLongerThanTheProbeWaitsOnTheScenarioClock_comesTooLate() {
        assertThat(phase.heldPast(Duration.ofMinutes(20).toMillis())).isFalse();
        assertThat(phase.heldPast(Duration.ofMinutes(61).toMillis())).isTrue();
        assertThat(ProbePatience.realTime(Duration.ofSeconds(1)).heldPast(Duration.ofHours(5).toMillis()))
                .as("a recovery's probe asks whether the device is back, however long the cloud held it").isFalse();
    }

    @Test
    void aFailureSaysBothWaits() {
        assertThat(phase).hasToString("1000 ms and 1h of scenario time");
        assertThat(ProbePatience.realTime(Duration.ofMillis(500))).hasToString("500 ms");
    }
}
