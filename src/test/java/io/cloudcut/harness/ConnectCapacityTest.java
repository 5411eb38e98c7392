package io.cloudcut.harness;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.observation.RunStartedObserved;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Devices not back whose connects last ran out of time, in a run whose fault-free start saw connects run out of
 * time too, are the harness's limit: as a TLS fleet of hundreds after a blackhole, on two cores.
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
                .contains("NOT_RECOVERED is the harness's limit", HealthCheck.REMEDY));
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

    private void startTheClock() {
        log.add(PhaseObserved.start(0, "baseline", "baseline"));
    }

    private void notBack(String device) {
        log.add(new RecoveryObserved(400, device, VACUUM, false, -1, 0, -1, null, "idle", false));
    }
}
