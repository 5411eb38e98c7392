package io.cloudcut.report;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.EventsObserved;
import io.cloudcut.observation.FaultObserved;
import io.cloudcut.observation.ServiceObserved;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How long devices took to connect again, from each moment they could. */
class ReconnectsTest {

    private static final ClockPace REAL_TIME = new ClockPace(List.of(), 0);
    private static final long FIRST_UP = 420_000;
    private static final long SECOND_UP = 840_000;
    private static final List<ServiceObserved> TWO_RESTARTS = List.of(restarting(FIRST_UP - 2_000), back(FIRST_UP),
            restarting(SECOND_UP - 2_000), back(SECOND_UP));

    /** A broker that restarts every 7 min: a reconnect for each restart, timed from when the broker was back. */
    @Test
    void aBrokerThatRestartsGivesAReconnectForEachRestart() {
        List<ConnectionObserved> connections = List.of(
                ConnectionObserved.up(0, "m-1", "m", 0, 3),
                ConnectionObserved.up(0, "m-2", "m", 0, 3),
                ConnectionObserved.down(FIRST_UP - 1_990, "m-1", "m", "connection closed"),
                ConnectionObserved.down(FIRST_UP - 1_990, "m-2", "m", "connection closed"),
                ConnectionObserved.up(FIRST_UP + 1_003, "m-1", "m", FIRST_UP + 1_000, 3),
                ConnectionObserved.up(FIRST_UP + 4_003, "m-2", "m", FIRST_UP + 4_000, 3),
                ConnectionObserved.down(SECOND_UP - 1_990, "m-1", "m", "connection closed"),
                ConnectionObserved.down(SECOND_UP - 1_990, "m-2", "m", "connection closed"),
                ConnectionObserved.up(SECOND_UP + 2_003, "m-1", "m", SECOND_UP + 2_000, 3),
                ConnectionObserved.up(SECOND_UP + 8_003, "m-2", "m", SECOND_UP + 8_000, 3));

        ReconnectReport reconnect = Reconnects.of(List.of(), TWO_RESTARTS, connections, List.of(), REAL_TIME);

        assertThat(reconnect.devicesReconnected()).isEqualTo(2);
        assertThat(reconnect.reconnections()).as("two devices, two restarts").isEqualTo(4);
        assertThat(reconnect.p50Seconds()).as("of 1, 2, 4 and 8 s, each with its 3 ms exchange").isEqualTo(2.003);
        assertThat(reconnect.maxSeconds()).isEqualTo(8.003);
    }

    /**
     * Down through two restarts, up after the second: timed from the second. A link fault reverted, then the broker
     * back from a stop: timed from the broker, the later. A loss with nothing faulted, up again before any such moment:
     * no reconnect.
     */
    @Test
    void eachReconnectIsTimedFromTheLastMomentItCouldConnect() {
        List<ConnectionObserved> connections = List.of(
                ConnectionObserved.up(0, "m-1", "m", 0, 3),
                ConnectionObserved.down(100_000, "m-1", "m", "nothing faulted"),
                ConnectionObserved.up(101_003, "m-1", "m", 101_000, 3),
                ConnectionObserved.down(FIRST_UP - 1_990, "m-1", "m", "connection closed"),
                ConnectionObserved.refused(FIRST_UP + 1_000, "m-1", "m", "no CONNACK within 1000 ms"),
                ConnectionObserved.up(SECOND_UP + 5_003, "m-1", "m", SECOND_UP + 5_000, 3));

        ReconnectReport reconnect = Reconnects.of(List.of(), TWO_RESTARTS, connections, List.of(), REAL_TIME);

        assertThat(reconnect.reconnections()).isEqualTo(1);
        assertThat(reconnect.maxSeconds()).isEqualTo(5.003);
        assertThat(reconnect.refusedDevices()).containsExactly(Map.entry("no CONNACK within 1000 ms", 1));

        List<FaultObserved> brokerDown = List.of(new FaultObserved(600_000, "down broker", false, true, 1, true),
                new FaultObserved(1_200_000, "down broker", false, false, 1, true));
        ReconnectReport afterTheStop = Reconnects.of(brokerDown, List.of(back(1_202_500)), List.of(
                        ConnectionObserved.down(600_010, "m-1", "m", "connection closed"),
                        ConnectionObserved.up(1_203_003, "m-1", "m", 1_203_000, 3)),
                List.of(), REAL_TIME);
        assertThat(afterTheStop.maxSeconds()).as("from the broker's return, not the fault's revert").isEqualTo(0.503);
    }

    @Test
    void theAttemptsAreEachDevicesOwnCount() {
        List<EventsObserved> events = List.of(attempts("m-1", 0), attempts("m-2", 2), attempts("m-3", 9));

        ReconnectReport reconnect = Reconnects.of(List.of(), List.of(), List.of(), events, REAL_TIME);

        assertThat(reconnect.attemptsP50()).isEqualTo(2);
        assertThat(reconnect.attemptsMax()).isEqualTo(9);
        assertThat(reconnect.reconnections()).isZero();
    }

    private static ServiceObserved restarting(long atMillis) {
        return new ServiceObserved(atMillis, ServiceObserved.BROKER, ServiceObserved.Condition.RESTARTING, ServiceObserved.BROKER);
    }

    private static ServiceObserved back(long atMillis) {
        return new ServiceObserved(atMillis, ServiceObserved.BROKER, ServiceObserved.Condition.UP, null);
    }

    private static EventsObserved attempts(String device, int reconnectAttempts) {
        return new EventsObserved(0, device, "m", 0, 0, 0, Map.of(), 1, reconnectAttempts, false, 0);
    }
}
