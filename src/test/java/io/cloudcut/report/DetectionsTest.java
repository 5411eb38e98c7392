package io.cloudcut.report;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.FaultObserved;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** How long devices took to notice that link faults cut them off, and to within what. */
class DetectionsTest {

    private static final long APPLIED = 3_600_000;
    private static final long REVERTED = APPLIED + 7_200_000;

    @Test
    void eachConnectedDeviceNoticesAtItsFirstLossWhileTheFaultHolds() {
        List<ConnectionObserved> connections = List.of(
                ConnectionObserved.up(0, "m-1", "m", 0, 3),
                ConnectionObserved.up(0, "m-2", "m", 0, 3),
                ConnectionObserved.up(0, "m-3", "m", 0, 3),
                ConnectionObserved.down(APPLIED + 5_000, "m-1", "m", "no PINGRESP"),
                ConnectionObserved.down(APPLIED + 3_000, "m-2", "m", "no PUBACK within 1000 ms"),
                ConnectionObserved.down(APPLIED + 40_000, "m-2", "m", "a second loss, not a detection"),
                ConnectionObserved.down(REVERTED + 1_000, "m-3", "m", "after the fault: not a detection"));
        List<FaultObserved> faults = List.of(new FaultObserved(APPLIED, "blackhole link all", true, true, 3, false),
                new FaultObserved(REVERTED, "blackhole link all", true, false, 3, false));
        ClockPace pace = new ClockPace(List.of(new ClockObserved(0, 3600, ClockObserved.Why.START),
                new ClockObserved(APPLIED, 1, ClockObserved.Why.TRANSITION)), 9);

        DetectionReport detection = Detections.of(faults, connections, List.of(0L, APPLIED), pace);

        assertThat(detection.devicesNoticed()).isEqualTo(2);
        assertThat(detection.p50Seconds()).isEqualTo(3.0);
        assertThat(detection.maxSeconds()).isEqualTo(5.0);
        assertThat(detection.resolutionSeconds()).as("noticed at 1x: the harness's own 9 ms and a timer's grain")
                .isCloseTo(0.010, within(1e-9));
    }

    @Test
    void aDeviceAlreadyDownWhenTheFaultCameNoticesNothing() {
        List<ConnectionObserved> connections = List.of(ConnectionObserved.down(10, "m-1", "m", "before"),
                ConnectionObserved.down(APPLIED + 5_000, "m-1", "m", "still down"));
        List<FaultObserved> faults = List.of(new FaultObserved(APPLIED, "reset link all", true, true, 1, false));

        assertThat(Detections.of(faults, connections, List.of(0L, APPLIED - 1_000), new ClockPace(List.of(), 0)).devicesNoticed())
                .isZero();
    }

    /** A reset closes connections while it is being set, before it is recorded: noticed at once, from the phase's start. */
    @Test
    void aFaultThatClosedConnectionsBeforeItsRecordWasNoticedAtOnce() {
        long phaseStart = APPLIED - 400;
        List<ConnectionObserved> connections = List.of(
                ConnectionObserved.up(0, "m-1", "m", 0, 3),
                ConnectionObserved.up(0, "m-2", "m", 0, 3),
                ConnectionObserved.down(APPLIED - 300, "m-1", "m", "connection reset"),
                ConnectionObserved.down(APPLIED - 200, "m-2", "m", "connection reset"));
        List<FaultObserved> faults = List.of(new FaultObserved(APPLIED, "reset link all", true, true, 2, false));

        DetectionReport detection = Detections.of(faults, connections, List.of(0L, phaseStart), new ClockPace(List.of(), 0));

        assertThat(detection.devicesNoticed()).isEqualTo(2);
        assertThat(detection.maxSeconds()).isZero();
        assertThat(Detections.of(faults, connections, List.of(0L, APPLIED - 250), new ClockPace(List.of(), 0)).devicesNoticed())
                .as("a loss before the phase began is not its fault's").isEqualTo(1);
        List<FaultObserved> withTheBroker = List.of(new FaultObserved(APPLIED - 350, "down broker", false, true, 1, true),
                faults.get(0));
        assertThat(Detections.of(withTheBroker, connections, List.of(0L, phaseStart), new ClockPace(List.of(), 0))
                .devicesNoticed()).as("the broker stopped first: its losses").isZero();
    }
}
