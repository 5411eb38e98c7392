package io.cloudcut.harness;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** How long a fleet may take to start, connect and sign in before the run gives up on it. */
class StartLimitTest {

    @Test
    void aSmallFleetHasAboutTheStartupTimeout() {
        assertThat(ScenarioRunner.startLimit(Duration.ofSeconds(60), 15)).isEqualTo(Duration.ofMillis(60_300));
    }

    @Test
    void eighteenThousandDevicesHaveSixMinutesMore() {
        assertThat(ScenarioRunner.startLimit(Duration.ofSeconds(60), 18_000)).isEqualTo(Duration.ofMinutes(7));
    }
}
