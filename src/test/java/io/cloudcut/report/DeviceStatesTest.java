package io.cloudcut.report;

import io.cloudcut.observation.StateObserved;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a device was held acting through a stretch of the outage, from the changes kept of what it reported. */
class DeviceStatesTest {

    private static final String DEVICE = "vacuum-1";

    private final DeviceStates states = new DeviceStates();

    @Test
    void aDeviceCleaningSinceBeforeTheOutageWasActingThroughItsStretchUntilItDocked() {
        for (long at = 0; at < 900; at += 20) {
            state(at, "cleaning", false);
            state(at + 10, "docked", true);
        }
        state(950, "cleaning", false);
        states.outage(true, 1_000);

        assertThat(states.actingThroughout(DEVICE, 1_500, 2_000)).as("cleaning since 950").isTrue();
        assertThat(states.actingThroughout(DEVICE, 940, 2_000)).as("docked at 940, before its last cleaning").isFalse();

        state(1_800, "docked", true);
        assertThat(states.actingThroughout(DEVICE, 1_500, 2_000)).as("docked within the stretch").isFalse();
        assertThat(states.actingThroughout(DEVICE, 1_500, 1_800)).as("docked only when the stretch ended").isTrue();
        assertThat(states.actingThroughout("vacuum-2", 1_500, 2_000)).as("never reported a state").isFalse();
    }

    @Test
    void aRestHeardAfterTheOutageEndedButMadeBeforeStillEndsItsLastStretch() {
        states.outage(true, 1_000);
        state(1_100, "cleaning", false);
        states.outage(false, 2_000);
        state(1_990, "docked", true); // on its way while the phase ended
        state(2_100, "cleaning", false);
        state(2_200, "docked", true);

        assertThat(states.actingThroughout(DEVICE, 1_500, 2_000)).isFalse();
        assertThat(states.actingThroughout(DEVICE, 1_500, 1_990)).isTrue();
    }

    @Test
    void aStateOfTheSameKindAsTheLastChangesNothing() {
        states.outage(true, 0);
        state(100, "cleaning", false);
        state(200, "mopping", false);
        state(300, "docked", true);
        state(400, "idle", true);

        assertThat(states.actingThroughout(DEVICE, 150, 300)).as("acting from 100 until docked at 300").isTrue();
        assertThat(states.actingThroughout(DEVICE, 350, 500)).as("at rest since 300").isFalse();
    }

    private void state(long atMillis, String state, boolean atRest) {
        states.add(new StateObserved(atMillis, DEVICE, "vacuum", state, atRest));
    }
}
