package io.cloudcut.harness;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.FaultObserved;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.observation.RunStartedObserved;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Devices not back whose connects last ran out of time, or that ran out of time connecting once the faults had
 * ended, in a run whose fault-free start saw connects run out of time too, are the harness's limit: as a TLS fleet
 * of hundreds after a blackhole, or a thousand whose certificates were renewed, on two cores.
 */
class ConnectCapacityTest {

    private static final String VACUUM = "vacuum-local-first";
    private static final String RAN_OUT = "no CONNACK within 1000 ms";

    private final ObservationLog log = new ObservationLog();
    private ConnectCapacity capacity;

    @BeforeEach
    void start() throws Exception {
        Scenario shortOutage = Scenarios.loader(Project.root()).load(Project.file("scenarios/short-outage.yaml"));
        log.add(RunStartedObserved.of(shortOutage, "embedded"));
        capacity = ConnectCapacity.watching(shortOutage, log);
    }

    @Test
    void devicesStillRunningOutOfTimeInARunWhoseStartDidTooAreTheHarnesss() {
        log.add(ConnectionObserved.refused(0, "vacuum-1", VACUUM, RAN_OUT));
        startTheClock();
        blackhole(50, true);
        for (String device : new String[] {"vacuum-1", "vacuum-2", "vacuum-3", "vacuum-4"}) {
            log.add(ConnectionObserved.up(100, device, VACUUM, 90, 40));
            log.add(ConnectionObserved.refused(200, device, VACUUM, RAN_OUT));
        }
        log.add(ConnectionObserved.gaveUp(300, "vacuum-3", VACUUM, "gave up after 5 attempts"));
        log.add(ConnectionObserved.refused(300, "vacuum-4", VACUUM, "connection refused"));
        for (String device : new String[] {"vacuum-1", "vacuum-2", "vacuum-3", "vacuum-4"}) {
            notBack(device);
        }

        assertThat(capacity.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("2 devices not back after the faults (vacuum-1, vacuum-2) last ran out of time connecting "
                        + "(no CONNACK within 1000 ms), and 1 device's connects ran out of time in the fleet's start too")
                .contains("recovery times and NOT_RECOVERED are the harness's limit", HealthCheck.REMEDY));
    }

    @Test
    void devicesThatRanOutOfTimeConnectingOnceTheFaultsEndedWaitedOnTheHarnessEvenIfTheyCameBack() {
        log.add(ConnectionObserved.refused(0, "vacuum-9", VACUUM, RAN_OUT));
        startTheClock();
        blackhole(1_000, true);
        log.add(ConnectionObserved.refused(2_000, "vacuum-1", VACUUM, RAN_OUT));
        log.add(new FaultObserved(5_000, "down service auth", false, true, 1, false));
        blackhole(10_000, false);
        log.add(ConnectionObserved.refused(11_500, "vacuum-2", VACUUM, RAN_OUT));
        for (String device : new String[] {"vacuum-3", "vacuum-4"}) {
            log.add(ConnectionObserved.up(3_000, device, VACUUM, 2_900, 40));
            log.add(ConnectionObserved.refused(60_000, device, VACUUM, RAN_OUT));
        }
        log.add(ConnectionObserved.up(70_000, "vacuum-3", VACUUM, 69_000, 40));
        notBack("vacuum-4");

        assertThat(capacity.problem()).as("under the blackhole, or within twice the time-out of its end, an attempt "
                        + "may have met the fault; a service's fault is not on connections")
                .hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("1 device not back after the faults (vacuum-4) last ran out of time connecting (no CONNACK within "
                        + "1000 ms); 2 devices ran out of time connecting after the faults had ended, where nothing was "
                        + "faulted (vacuum-3, vacuum-4; 1 of them not back), and 1 device's connects ran out of time in the "
                        + "fleet's start too"));
    }

    @Test
    void countsTheDevicesWhoseConnectsRanOutOfTimeBeforeTheClock_onceEach_andNoOtherRefusal() {
        log.add(ConnectionObserved.refused(0, "vacuum-1", VACUUM, RAN_OUT));
        log.add(ConnectionObserved.refused(0, "vacuum-1", VACUUM, "no SUBACK within 1000 ms"));
        log.add(ConnectionObserved.refused(0, "vacuum-2", VACUUM, "no SUBACK within 1000 ms"));
        log.add(ConnectionObserved.refused(0, "vacuum-3", VACUUM, "TLS refused: certificate expired"));
        log.add(ConnectionObserved.down(0, "vacuum-3", VACUUM, "connection closed"));
        startTheClock();
        log.add(ConnectionObserved.refused(100, "vacuum-4", VACUUM, RAN_OUT));

        assertThat(capacity.ranOutInTheStart()).isEqualTo(2);
    }

    @Test
    void aDelayedFleetThatAllCameBackIsToldOfItsRecoveryTimes() {
        log.add(ConnectionObserved.refused(0, "vacuum-9", VACUUM, RAN_OUT));
        startTheClock();
        blackhole(1_000, true);
        blackhole(10_000, false);
        log.add(ConnectionObserved.refused(60_000, "vacuum-1", VACUUM, RAN_OUT));
        log.add(ConnectionObserved.up(70_000, "vacuum-1", VACUUM, 69_000, 40));

        assertThat(capacity.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("1 device ran out of time connecting after the faults had ended, where nothing was faulted (vacuum-1), ")
                .contains("so their recovery times are the harness's limit").doesNotContain("NOT_RECOVERED"));
    }

    /**
     * 1,000 Paho devices retrying together after a refused link: 192 ran out of their 1 s where nothing was faulted,
     * waited a 17 min backoff and were NOT_RECOVERED, in a run whose start had kept up.
     */
    @Test
    void runningOutOfTimeWithNothingFaultedIsTheHarnesssEvenWhenTheStartKeptUp() {
        startTheClock();
        blackhole(1_000, true);
        blackhole(10_000, false);
        log.add(ConnectionObserved.refused(60_000, "vacuum-1", VACUUM, RAN_OUT));
        log.add(ConnectionObserved.refused(60_000, "vacuum-2", VACUUM, RAN_OUT));
        log.add(ConnectionObserved.up(70_000, "vacuum-1", VACUUM, 69_000, 40));
        notBack("vacuum-2");

        assertThat(capacity.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("2 devices ran out of time connecting after the faults had ended, where nothing was faulted "
                        + "(vacuum-1, vacuum-2; 1 of them not back): this machine's connects are the queue")
                .contains("recovery times and NOT_RECOVERED are the harness's limit").doesNotContain("fleet's start"));
    }

    @Test
    void runningOutOfTimeUnderAFaultIsNotTheHarnesssByItself() {
        log.add(ConnectionObserved.refused(0, "vacuum-9", VACUUM, RAN_OUT));
        startTheClock();
        blackhole(1_000, true);
        log.add(ConnectionObserved.refused(60_000, "vacuum-1", VACUUM, RAN_OUT));
        log.add(ConnectionObserved.up(70_000, "vacuum-1", VACUUM, 69_000, 40));
        blackhole(80_000, false);

        assertThat(capacity.problem()).isEmpty();
    }

    @Test
    void withAStartThatKeptUpNothingIsTheHarnesss() {
        startTheClock();
        log.add(ConnectionObserved.refused(200, "vacuum-1", VACUUM, RAN_OUT));
        notBack("vacuum-1");

        assertThat(capacity.problem()).isEmpty();
    }

    @Test
    void everyDeviceBackIsNothingToExplain() {
        log.add(ConnectionObserved.refused(0, "vacuum-1", VACUUM, RAN_OUT));
        startTheClock();
        log.add(ConnectionObserved.refused(200, "vacuum-1", VACUUM, RAN_OUT));
        log.add(ConnectionObserved.up(300, "vacuum-1", VACUUM, 290, 40));

        assertThat(capacity.problem()).isEmpty();
    }

    /**
     * The pacer hears of every connect with nothing faulted once the clock runs ({@link Pacer#connectTook}), with the
     * real time it took (a time-out's worth when it ran out) and its device's time-out; not in the start (the start
     * window narrows then), nor under a fault on connections, nor for an attempt begun before the faults ended.
     */
    @Test
    void connectsWithNothingFaultedAreToldWithTheTimeTheyTookAndTheirDevicesTimeOut() {
        List<List<Duration>> told = new ArrayList<>();
        capacity.tellConnects((took, timeOut) -> told.add(List.of(took, timeOut)));
        log.add(ConnectionObserved.up(0, "vacuum-1", VACUUM, 0, 900));
        log.add(ConnectionObserved.refused(0, "vacuum-2", VACUUM, RAN_OUT));
        startTheClock();
        assertThat(told).as("in the start").isEmpty();
        log.add(ConnectionObserved.up(100, "vacuum-1", VACUUM, 90, 250));
        assertThat(told).containsExactly(List.of(Duration.ofMillis(250), Duration.ofSeconds(1)));

        blackhole(1_000, true);
        log.add(ConnectionObserved.up(2_000, "vacuum-3", VACUUM, 1_900, 900));
        log.add(ConnectionObserved.refused(3_000, "vacuum-3", VACUUM, RAN_OUT));
        blackhole(10_000, false);
        log.add(ConnectionObserved.up(10_100, "vacuum-4", VACUUM, 9_900, 900));
        log.add(ConnectionObserved.refused(11_000, "vacuum-4", VACUUM, RAN_OUT));
        assertThat(told).as("under the blackhole, or begun before its end").hasSize(1);

        log.add(ConnectionObserved.up(12_100, "vacuum-5", VACUUM, 12_000, 7));
        log.add(ConnectionObserved.refused(13_000, "vacuum-6", VACUUM, RAN_OUT));
        log.add(ConnectionObserved.down(14_000, "vacuum-7", VACUUM, "connection closed"));
        assertThat(told).containsExactly(List.of(Duration.ofMillis(250), Duration.ofSeconds(1)),
                List.of(Duration.ofMillis(7), Duration.ofSeconds(1)), List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    private void blackhole(long atMillis, boolean applied) {
        log.add(new FaultObserved(atMillis, "blackhole link all", true, applied, 4, false));
    }

    private void startTheClock() {
        log.add(PhaseObserved.start(0, "baseline", "baseline"));
    }

    private void notBack(String device) {
        log.add(new RecoveryObserved(400, device, VACUUM, false, -1, 0, -1, null, "idle", false));
    }
}
