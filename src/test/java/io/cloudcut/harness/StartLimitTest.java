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

    /** A worker's order to start its share must not time out before the run's own start limit. */
    @Test
    void aWorkerMayTakeLongerToStartItsShareThanTheRunWaits() {
        for (int devices : new int[] {8, 4_500, 18_000}) {
            assertThat(WorkerDevices.deployTimeout(devices))
                    .isGreaterThan(ScenarioRunner.startLimit(Duration.ofSeconds(60), devices));
        }
    }
}
