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

    @Test
    void whileTheCloudIsBehindRoundsComeFurtherApart() {
        assertThat(Recovery.nextRoundInMillis(20, 6_000, 1_500, true))
                .isEqualTo(6_000L * Recovery.SPACING_WHILE_CLOUD_BEHIND - 1_500);
        assertThat(Recovery.nextRoundInMillis(20, 1, 0, true)).as("never sooner than the interval").isEqualTo(20);
    }
}
