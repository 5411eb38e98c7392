package io.cloudcut.report;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.scenario.PhaseKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** After the outage, each device: RECOVERED (with its time), NOT_RECOVERED (still trying), NEEDS_A_PERSON. */
class RecoveriesTest {

    @Test
    void eachDeviceGetsItsOwnRecoveryVerdict() {
        RecoveryReport recovery = anHourEach(5)
                .recovered("doorbell-cloud-chime-1", Duration.ofSeconds(30))
                .recovered("doorbell-cloud-chime-2", Duration.ofSeconds(90))
                .notRecovered("doorbell-cloud-chime-3", "idle, offline", false)
                .notRecovered("doorbell-cloud-chime-4", "idle, no session", true)
                .notRecovered("doorbell-cloud-chime-5", "idle, offline", false)
                .observe(ConnectionObserved.gaveUp(Duration.ofMinutes(80).toMillis(), "doorbell-cloud-chime-5", "doorbell-cloud-chime", "3 attempts"))
                .report().model("doorbell-cloud-chime").recovery();

        assertThat(recovery.devices())
                .extracting(RecoveryReport.DeviceRecovery::device, RecoveryReport.DeviceRecovery::verdict,
                        RecoveryReport.DeviceRecovery::afterSeconds)
                .containsExactly(
                        tuple("doorbell-cloud-chime-1", RecoveryVerdict.RECOVERED, 30.0),
                        tuple("doorbell-cloud-chime-2", RecoveryVerdict.RECOVERED, 90.0),
                        tuple("doorbell-cloud-chime-3", RecoveryVerdict.NOT_RECOVERED, null),
                        tuple("doorbell-cloud-chime-4", RecoveryVerdict.NEEDS_A_PERSON, null),
                        tuple("doorbell-cloud-chime-5", RecoveryVerdict.NEEDS_A_PERSON, null));
        assertThat(recovery.recovered()).isEqualTo(2);
        assertThat(recovery.notRecovered()).isEqualTo(1);
        assertThat(recovery.needsAPerson()).as("firmware waiting for someone, and a client that gave up").isEqualTo(2);
        assertThat(recovery.p50Seconds()).isEqualTo(30.0);
        assertThat(recovery.maxSeconds()).isEqualTo(90.0);
        assertThat(recovery.wallMaxSeconds()).as("real time, to the round that found it back").isEqualTo(0.025);
        assertThat(recovery.reconnectedWallP50Seconds()).as("real time, to its connection").isEqualTo(0.004);
        assertThat(recovery.reconnectedWallMaxSeconds()).isEqualTo(0.012);
        assertThat(recovery.notBack()).extracting(RecoveryReport.DeviceRecovery::device)
                .containsExactly("doorbell-cloud-chime-3", "doorbell-cloud-chime-4", "doorbell-cloud-chime-5");
    }

    /** Devices the outage never cut (a cloud service down, say) did not reconnect: no such figure, not zero. */
    @Test
    void withNoDeviceCutThereIsNoReconnectFigure() {
        RecoveryReport recovery = anHourEach(1)
                .notRecovered("doorbell-cloud-chime-1", "idle", false)
                .report().model("doorbell-cloud-chime").recovery();

        assertThat(recovery.reconnectedWallP50Seconds()).isNull();
        assertThat(recovery.reconnectedWallMaxSeconds()).isNull();
    }

    /** Doorbells of the cloud-chime model through a baseline, an outage and a recovery of an hour each. */
    private static RunFixture anHourEach(int doorbells) {
        return new RunFixture().model(SampleModels.CLOUD_CHIME, doorbells)
                .phase("baseline", PhaseKind.BASELINE, Duration.ofHours(1))
                .phase("outage", PhaseKind.OUTAGE, Duration.ofHours(1))
                .phase("recovery", PhaseKind.RECOVERY, Duration.ofHours(1));
    }
}
