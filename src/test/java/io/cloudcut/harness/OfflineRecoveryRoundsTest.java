package io.cloudcut.harness;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.report.EventsReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A device that stays offline into the recovery is probed at the phase's probe spacing of scenario time, not at the
 * harness's real-time pace, and its recovery is still timed from the attempt that reconnected it.
 */
class OfflineRecoveryRoundsTest {

    private static final String MODEL = "slow-to-return";
    private static final Duration RETRY = Duration.ofMinutes(20);
    /** The recovery's probe spacing: 30 min over the default three rounds. */
    private static final Duration SPACING = Duration.ofMinutes(10);

    @Test
    void roundsWhileOfflineComeAtTheProbeSpacing_andTheReconnectGetsOneAtOnce(@TempDir Path project) throws Exception {
        Path devices = ScenarioRuns.projectWithDefaultCloud(project);
        Files.writeString(devices.resolve(MODEL + ".yaml"), """
                # Retries every 20 min: cut at +0, it is still 10 min from its next attempt when the links come back.
                kind: vacuum
                keepAlive: 2s
                connectTimeout: 1s
                statusEvery: 30m
                functions:
                  - {name: clean-button, path: local, role: primary}
                  - {name: status-report, path: cloud, trigger: device}
                buffer: {capacity: 200, overflow: drop-oldest}
                reconnect: {initialDelay: 20m, multiplier: 1, maxDelay: 20m}
                """);
        ScenarioRuns run = ScenarioRuns.run(project, project, """
                name: offline-recovery
                timeScale: 600
                fleet: [{model: %s, count: 2}]
                phases:
                  - {name: baseline, kind: baseline, duration: 10m}
                  - {name: cut, kind: outage, duration: 30m, faults: [{link: all, fault: blackhole}]}
                  - {name: recovery, kind: recovery, duration: 30m}
                """.formatted(MODEL));

        long recoveryFrom = run.observations().stream().filter(PhaseObserved.class::isInstance).map(PhaseObserved.class::cast)
                .filter(phase -> phase.phase().equals("recovery") && phase.started()).findFirst().orElseThrow().atMillis();
        for (String device : java.util.List.of(MODEL + "-1", MODEL + "-2")) {
            long up = run.observations().stream().filter(ConnectionObserved.class::isInstance).map(ConnectionObserved.class::cast)
                    .filter(change -> change.device().equals(device) && change.change() == ConnectionObserved.Change.UP
                            && change.atMillis() >= recoveryFrom)
                    .findFirst().orElseThrow(() -> new AssertionError(device + " never reconnected")).atMillis();
            long offlineRounds = run.observations().stream().filter(ProbeObserved.class::isInstance).map(ProbeObserved.class::cast)
                    .filter(probe -> probe.device().equals(device) && probe.phase().equals("recovery") && probe.atMillis() < up)
                    .mapToInt(ProbeObserved::round).distinct().count();
            long offlineMillis = up - recoveryFrom;
            assertThat(offlineMillis).as("%s offline into the recovery (its retry %s after the cut)", device, RETRY)
                    .isGreaterThan(Duration.ofMinutes(5).toMillis());
            assertThat(offlineRounds).as("%s's rounds in the %d s of scenario time it was offline", device, offlineMillis / 1000)
                    .isBetween(1L, offlineMillis / SPACING.toMillis() + 1);

            RecoveryObserved recovery = run.observations().stream().filter(RecoveryObserved.class::isInstance)
                    .map(RecoveryObserved.class::cast).filter(result -> result.device().equals(device)).findFirst().orElseThrow();
            assertThat(recovery.recovered()).as("%s", recovery).isTrue();
            assertThat(recovery.afterMillis()).as("timed from its reconnection, not from a round %s apart", SPACING)
                    .isGreaterThanOrEqualTo(offlineMillis - Duration.ofMinutes(1).toMillis())
                    .isLessThan(offlineMillis + Duration.ofMinutes(1).toMillis());
            assertThat(recovery.withinMillis()).as("%s", recovery).isLessThan(Duration.ofMinutes(1).toMillis());
        }
        EventsReport events = run.report().model(MODEL).events();
        assertThat(events.balanced()).as("%s", events).isTrue();
        assertThat(events.dropped()).as("%s", events).isEmpty();
    }
}
