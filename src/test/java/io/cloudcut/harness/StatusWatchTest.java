package io.cloudcut.harness;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.FaultObserved;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.RecoveryObserved;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The live status comes from the observations as they are logged, as the report will count them. */
class StatusWatchTest {

    @Test
    void connectionsPhasesFaultsRecoveriesAndHealthMoveTheStatus() {
        StatusWatch watch = new StatusWatch(Map.of("m", 3, "idle-model", 1));
        assertThat(watch.at(Duration.ZERO)).isEqualTo(new RunStatus(Duration.ZERO, "warming up", 0, 0, 4, List.of(), null,
                Map.of("m", 0, "idle-model", 0), null));

        for (String device : List.of("a", "b", "c")) {
            watch.accept(ConnectionObserved.up(0, device, "m", 0, 10));
        }
        watch.accept(new ClockObserved(0, 3600, ClockObserved.Why.START));
        watch.accept(PhaseObserved.start(0, "baseline", "baseline"));
        watch.accept(new HealthObserved(3_600_000, HealthObserved.Window.BASELINE, 3600, 1, 2, 1, 2, 10, 12, 0, true, List.of()));
        watch.accept(PhaseObserved.end(3_600_000, "baseline", "baseline", 0, 0, 0));
        watch.accept(PhaseObserved.start(3_600_000, "outage", "outage"));
        watch.accept(new FaultObserved(3_600_000, "ingest down", false, true, 0, false));
        watch.accept(new FaultObserved(3_600_000, "blackhole on all links", true, true, 3, false));
        watch.accept(new ConnectionObserved(3_700_000, "b", "m", ConnectionObserved.Change.DOWN, "keepalive", 0, 0));
        watch.accept(new ClockObserved(3_900_000, 1, ClockObserved.Why.CLOUD));

        assertThat(watch.at(Duration.ofMinutes(70))).isEqualTo(new RunStatus(Duration.ofMinutes(70), "outage", 2, 0, 4,
                List.of("ingest down", "blackhole on all links"), true, Map.of("m", 2, "idle-model", 0), "clock held for the cloud"));

        watch.accept(new FaultObserved(14_400_000, "blackhole on all links", true, false, 3, false));
        watch.accept(PhaseObserved.start(14_400_000, "recovery", "recovery"));
        watch.accept(ConnectionObserved.up(14_500_000, "b", "m", 14_400_000, 100));
        watch.accept(new RecoveryObserved(14_600_000, "b", "m", true, 200_000, 100_000, 50, 40L, "docked", false));
        watch.accept(new RecoveryObserved(21_600_000, "c", "m", false, 0, 0, 0, null, "docked, offline", false));

        watch.accept(new ClockObserved(14_700_000, 42, ClockObserved.Why.CONNECT_DELAY));
        assertThat(watch.at(Duration.ofHours(6))).isEqualTo(new RunStatus(Duration.ofHours(6), "recovery", 3, 1, 4,
                List.of("ingest down"), true, Map.of("m", 3, "idle-model", 0), "clock at the connects' pace"));
        watch.accept(new ClockObserved(14_800_000, 1, ClockObserved.Why.CONNECTS));
        assertThat(watch.at(Duration.ofHours(6)).clock()).isEqualTo("clock held for slow connections");
        watch.accept(new ClockObserved(14_850_000, 12, ClockObserved.Why.CLOUD_NOT_CAUGHT_UP));
        assertThat(watch.at(Duration.ofHours(6)).clock()).isEqualTo("clock climbing without the cloud, behind at real time");
        watch.accept(new ClockObserved(14_900_000, 3600, ClockObserved.Why.RAMP));
        assertThat(watch.at(Duration.ofHours(6)).clock()).as("the scenario's own pace again").isNull();
    }
}
