package io.cloudcut.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;

/** How soon a device not yet back is probed again: the scenario's interval, the fleet's spacing, and the cloud's lag. */
@Execution(ExecutionMode.CONCURRENT)
class RecoverySpacingTest {

    @Test
    void aSmallFleetIsProbedAgainAfterTheInterval() {
        assertThat(Recovery.nextRoundInMillis(20, 5, 3, false)).isEqualTo(20);
    }

    /** 10,000 devices of six functions at 10,000 probes a second: a round every 6 s, less the one just made. */
    @Test
    void aLargeFleetIsProbedNoSoonerThanItsSpacingAllows() {
        assertThat(Recovery.nextRoundInMillis(20, 6_000, 1_500, false)).isEqualTo(4_500);
    }

    /** The spacing is a round of the devices still out: as the others come back, the rest are probed sooner. */
    @Test
    void theSpacingIsARoundOfTheDevicesNotYetBack() {
        RoundSpacing spacing = new RoundSpacing();
        for (int device = 0; device < 10_000; device++) {
            spacing.measuring(6);
        }
        assertThat(spacing.millis()).as("10,000 devices of six functions").isEqualTo(6_000);
        for (int device = 0; device < 9_000; device++) {
            spacing.settled(6);
        }
        assertThat(spacing.millis()).as("a tenth of them still out").isEqualTo(600);
        spacing.settled(5_999);
        assertThat(spacing.millis()).as("a probe's share of a millisecond is a millisecond").isEqualTo(1);
        spacing.settled(1);
        assertThat(spacing.millis()).isZero();
    }

    @Test
    void whileTheCloudIsBehindRoundsComeFurtherApart() {
        assertThat(Recovery.nextRoundInMillis(20, 6_000, 1_500, true))
                .isEqualTo(6_000L * Recovery.SPACING_WHILE_HELD_BACK - 1_500);
        assertThat(Recovery.nextRoundInMillis(20, 1, 0, true)).as("never sooner than the interval").isEqualTo(20);
    }

    /** A device offline that needs its connection: the phase's probe spacing after its round, never past the phase's end. */
    @Test
    void anOfflineDeviceIsProbedAgainAfterTheProbeSpacing_orAtThePhasesEnd() {
        assertThat(Recovery.offlineRoundAtMillis(60_000, java.time.Duration.ofMinutes(10), 3_600_000)).isEqualTo(660_000);
        assertThat(Recovery.offlineRoundAtMillis(3_000_000, java.time.Duration.ofMinutes(10), 3_300_000)).isEqualTo(3_300_000);
    }
}
