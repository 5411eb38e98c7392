package io.cloudcut.device;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BootPhaseTest {

    private static final Duration PERIOD = Duration.ofMinutes(30);

    @Test
    void aDevicesFirstRunFallsWithinOnePeriod_neverAtOnce() {
        IntStream.range(0, 1_000).mapToObj(i -> "vacuum-local-first-" + i).forEach(device ->
                assertThat(BootPhase.firstRun(device, PERIOD)).as(device).isPositive().isLessThanOrEqualTo(PERIOD));
    }

    @Test
    void theSameDeviceGetsTheSamePhase_soThatARunRepeats() {
        assertThat(BootPhase.firstRun("doorbell-local-chime-7", PERIOD))
                .isEqualTo(BootPhase.firstRun("doorbell-local-chime-7", PERIOD));
    }

    /** Devices numbered one after another, as a fleet's are, spread over the whole period, not in one burst. */
    @Test
    void aFleetsDevicesSpreadOverThePeriod() {
        int devices = 18_000;
        int[] perTenth = new int[10];
        for (int i = 0; i < devices; i++) {
            Duration first = BootPhase.firstRun("vacuum-local-first-" + i, PERIOD);
            perTenth[(int) Math.min(9, first.toNanos() * 10 / PERIOD.toNanos())]++;
        }
        for (int tenth = 0; tenth < 10; tenth++) {
            assertThat(perTenth[tenth]).as("devices whose first run falls in tenth %d of the period", tenth)
                    .isBetween(devices / 10 * 9 / 10, devices / 10 * 11 / 10);
        }
    }
}
