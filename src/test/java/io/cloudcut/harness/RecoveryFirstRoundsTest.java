package io.cloudcut.harness;

import io.cloudcut.scenario.DeviceKind;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FunctionPath;
import io.cloudcut.scenario.FunctionRole;
import io.cloudcut.scenario.FunctionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** How a recovery's first rounds, every device's at the outage's end, are started: in what order, and over how long. */
@Execution(ExecutionMode.CONCURRENT)
class RecoveryFirstRoundsTest {

    private static final DeviceModel VACUUM = model("vacuum", 6);
    private static final DeviceModel DOORBELL = model("doorbell", 5);
    private static final DeviceModel BED = model("bed", 4);

    /** Each model's devices in their order, one of each model in turn, so that no model waits at the back. */
    @Test
    void theModelsTakeTurns_eachInItsOwnOrder() {
        List<DeviceRef> fleet = new ArrayList<>();
        fleet.addAll(devices(VACUUM, 3));
        fleet.addAll(devices(DOORBELL, 2));
        fleet.addAll(devices(BED, 1));

        assertThat(Recovery.alternatingModels(fleet)).extracting(DeviceRef::id)
                .containsExactly("vacuum-1", "doorbell-1", "bed-1", "vacuum-2", "doorbell-2", "vacuum-3");
    }

    /** 4,500 devices as in kinesis-2020: the last model's first devices start within the first turn, not after 3,750 others. */
    @Test
    void theLastModelsDevicesAreNotAllAtTheBack() {
        List<DeviceRef> fleet = new ArrayList<>();
        for (String model : List.of("a", "b", "c", "d", "e", "f")) {
            fleet.addAll(devices(model(model, 6), 750));
        }

        List<DeviceRef> alternating = Recovery.alternatingModels(fleet);
        assertThat(alternating).hasSize(4_500);
        assertThat(alternating.stream().map(DeviceRef::id).collect(Collectors.toSet())).as("every device once")
                .isEqualTo(fleet.stream().map(DeviceRef::id).collect(Collectors.toSet()));
        assertThat(alternating.subList(0, 6)).extracting(device -> device.model().id()).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(alternating.subList(4_494, 4_500)).extracting(DeviceRef::id)
                .containsExactly("a-750", "b-750", "c-750", "d-750", "e-750", "f-750");
    }

    @Test
    void aFleetOfOneModelKeepsItsOrder() {
        List<DeviceRef> fleet = devices(VACUUM, 4);
        assertThat(Recovery.alternatingModels(fleet)).isEqualTo(fleet);
        assertThat(Recovery.alternatingModels(List.of())).isEmpty();
    }

    /**
     * Every function of every device once, at the recovery's rate: the real time the clock stays in before
     * it ramps, so that a device found back at the end of it counts seconds, not what the clock ramped to.
     */
    @Test
    void theFirstRoundsTakeTheirProbesAtTheRecoverysRate() {
        List<DeviceRef> fleet = new ArrayList<>();
        fleet.addAll(devices(VACUUM, 2_250));
        fleet.addAll(devices(DOORBELL, 1_800));
        int probes = 2_250 * 6 + 1_800 * 5;

        assertThat(Recovery.firstRoundsTake(fleet)).isEqualTo(Duration.ofMillis(1000L * probes / Recovery.PROBES_PER_SECOND))
                .isEqualTo(Duration.ofMillis(2_250));
        assertThat(Recovery.firstRoundsTake(devices(BED, 15))).as("a small fleet: well under the clock's real second")
                .isLessThan(Duration.ofMillis(10));
        assertThat(Recovery.FIRST_ROUND_TURNS_EVERY.toMillis() * Recovery.PROBES_PER_SECOND / 1000)
                .as("probes a turn, at the turns' spacing, hold the rate").isEqualTo(Recovery.FIRST_ROUND_PROBES_A_TURN);
    }

    private static List<DeviceRef> devices(DeviceModel model, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> new DeviceRef(model.id() + "-" + n, model)).toList();
    }

    private static DeviceModel model(String id, int functions) {
        List<FunctionSpec> specs = new ArrayList<>();
        for (int function = 0; function < functions; function++) {
            specs.add(new FunctionSpec("f" + function, FunctionPath.LOCAL, null, null,
                    function == 0 ? FunctionRole.PRIMARY : FunctionRole.SECONDARY));
        }
        // A firmware of its own: the functions are named for the test, not for a built-in vacuum.
        return new DeviceModel(id, DeviceKind.VACUUM, null, "test.Firmware", null, null, null, null, specs, null, null, null, null);
    }
}
