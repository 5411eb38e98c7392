package io.cloudcut.harness;

import io.cloudcut.mqtt.StuckConnects;
import io.cloudcut.observation.ConnectsStuckObserved;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A process tells the connects left waiting of the run's devices it hosts, with their models, and of no other. */
class ConnectsStuckTest {

    @Test
    void eachOfTheRunsDevicesThatLeftAnyIsObserved_othersInTheProcessAreNot() {
        StuckConnects stuck = new StuckConnects(Map.of("robot-1", 6L, "doorbell-1", 2L, "earlier-run-device", 9L), true);

        assertThat(ConnectsStuck.observed(stuck, Map.of("robot-1", "vacuum-cloud-locked", "doorbell-1", "doorbell-cloud-only",
                "robot-2", "vacuum-cloud-locked"), 7_200_000)).containsExactlyInAnyOrder(
                new ConnectsStuckObserved(7_200_000, "robot-1", "vacuum-cloud-locked", 6),
                new ConnectsStuckObserved(7_200_000, "doorbell-1", "doorbell-cloud-only", 2));
    }
}
