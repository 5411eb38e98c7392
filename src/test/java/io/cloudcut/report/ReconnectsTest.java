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

        ReconnectReport reconnect = Reconnects.of(List.of(), TWO_RESTARTS, Map.of(), connections, List.of(), REAL_TIME);

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

        ReconnectReport reconnect = Reconnects.of(List.of(), TWO_RESTARTS, Map.of(), connections, List.of(), REAL_TIME);

        assertThat(reconnect.reconnections()).isEqualTo(1);
        assertThat(reconnect.maxSeconds()).isEqualTo(5.003);
        assertThat(reconnect.refusedDevices()).containsExactly(Map.entry("no CONNACK within 1000 ms", 1));

        List<FaultObserved> brokerDown = List.of(new FaultObserved(600_000, "down broker", false, true, 1, true),
                new FaultObserved(1_200_000, "down broker", false, false, 1, true));
        ReconnectReport afterTheStop = Reconnects.of(brokerDown, List.of(back(1_202_500)), Map.of(), List.of(
                        ConnectionObserved.down(600_010, "m-1", "m", "connection closed"),
                        ConnectionObserved.up(1_203_003, "m-1", "m", 1_203_000, 3)),
                List.of(), REAL_TIME);
        assertThat(afterTheStop.maxSeconds()).as("from the broker's return, not the fault's revert").isEqualTo(0.503);
    }

    /**
     * A flapping link: each loss followed by a connection while the flap stays on is timed from the moment that
     * device's own link reopened, not left out for want of a fault's removal; another device's link reopening later
     * is not its moment.
     */
    @Test
    void aFlapsReopeningsTimeTheReconnectsWithinIt() {
        List<FaultObserved> flap = List.of(new FaultObserved(100_000, "flap link all", true, true, 2, false),
                new FaultObserved(900_000, "flap link all", true, false, 2, false));
        Map<String, List<Long>> reopened = Map.of("m-1", List.of(200_000L, 400_000L), "m-2", List.of(201_000L, 403_000L));
        List<ConnectionObserved> connections = List.of(
                ConnectionObserved.up(0, "m-1", "m", 0, 3),
                ConnectionObserved.up(0, "m-2", "m", 0, 3),
                ConnectionObserved.down(100_005, "m-1", "m", "connection reset"),
                ConnectionObserved.down(100_005, "m-2", "m", "connection reset"),
                ConnectionObserved.up(204_003, "m-1", "m", 204_000, 3),
                ConnectionObserved.up(202_003, "m-2", "m", 202_000, 3),
                ConnectionObserved.down(300_000, "m-1", "m", "connection reset"),
                ConnectionObserved.up(402_003, "m-1", "m", 402_000, 3));

        ReconnectReport reconnect = Reconnects.of(flap, List.of(), reopened, connections, List.of(), REAL_TIME);

        assertThat(reconnect.reconnections()).as("every loss within the flap, each followed by a connection").isEqualTo(3);
        assertThat(reconnect.devicesReconnected()).isEqualTo(2);
        assertThat(reconnect.p50Seconds()).as("of 1, 2 and 4 s after each device's own link reopened").isEqualTo(2.003);
        assertThat(reconnect.maxSeconds()).isEqualTo(4.003);

        ReconnectReport unobserved = Reconnects.of(flap, List.of(), Map.of(), connections, List.of(), REAL_TIME);
        assertThat(unobserved.reconnections()).as("without the reopenings, no moment within the flap").isZero();
    }

    @Test
    void theAttemptsAreEachDevicesOwnCount() {
        List<EventsObserved> events = List.of(attempts("m-1", 0), attempts("m-2", 2), attempts("m-3", 9));

        ReconnectReport reconnect = Reconnects.of(List.of(), List.of(), Map.of(), List.of(), events, REAL_TIME);

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
