package io.cloudcut.harness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** How a round's probes are spread: the baseline's rounds and the warm-up before the clock share it. */
class ProbeSlotsTest {

    private static List<DeviceRef> fleet(int devices) {
        return IntStream.rangeClosed(1, devices).mapToObj(n -> new DeviceRef("vacuum-" + n, null)).toList();
    }

    @Test
    void aLargeFleetIsCutIntoSixtyFourSlotsEvenlyOverTheStretch() {
        List<ProbeSlots.Slot> slots = ProbeSlots.over(fleet(4500), Duration.ofMillis(9_375));

        assertThat(slots).hasSize(ProbeSlots.MAX);
        assertThat(slots.get(0).offset()).isZero();
        assertThat(slots.get(1).offset()).isEqualTo(Duration.ofNanos(9_375_000_000L / 64));
        assertThat(slots.get(63).offset()).isEqualTo(Duration.ofNanos(9_375_000_000L * 63 / 64));
        assertThat(slots).allSatisfy(slot -> assertThat(slot.devices()).hasSizeBetween(70, 71));
    }

    @Test
    void everyDeviceIsInExactlyOneSlotInFleetOrder() {
        List<DeviceRef> fleet = fleet(4500);

        List<DeviceRef> slotted = ProbeSlots.over(fleet, Duration.ofSeconds(10)).stream()
                .flatMap(slot -> slot.devices().stream()).toList();

        assertThat(slotted).containsExactlyElementsOf(fleet);
    }

    @Test
    void aSmallFleetHasASlotPerDevice() {
        List<ProbeSlots.Slot> slots = ProbeSlots.over(fleet(3), Duration.ofSeconds(3));

        assertThat(slots).extracting(ProbeSlots.Slot::offset)
                .containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(slots).allSatisfy(slot -> assertThat(slot.devices()).hasSize(1));
    }

    @Test
    void anEmptyStretchStartsEverySlotAtOnce() {
        assertThat(ProbeSlots.over(fleet(200), Duration.ZERO)).extracting(ProbeSlots.Slot::offset)
                .containsOnly(Duration.ZERO);
    }
}
