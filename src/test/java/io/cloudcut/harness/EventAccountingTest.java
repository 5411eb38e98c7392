package io.cloudcut.harness;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.report.EventsReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event is accounted for across an outage whose offline buffer overflows, on both sides of the wire; and a
 * device that stays offline into the recovery is probed at the phase's probe spacing of scenario time meanwhile, not
 * at the harness's real-time pace, its recovery still timed from the attempt that reconnected it.
 */
class EventAccountingTest {

    private static final String MODEL = "chatty-vacuum";
    /** The recovery's probe spacing: 3 h over two rounds, at most the default 15 min. */
    private static final Duration SPACING = Duration.ofMinutes(15);

    @TempDir
    static Path project;
    private static ScenarioRuns run;

    @BeforeAll
    static void runTheOutage() throws Exception {
        Path devices = ScenarioRuns.projectWithDefaultCloud(project);
        Files.writeString(devices.resolve(MODEL + ".yaml"), """
                # Reports its status every 10 minutes and keeps only 3 reports while offline. Retries every 25 min: cut
                # at the outage's start, its tenth attempt comes 10 min into the recovery.
                kind: vacuum
                keepAlive: 2s
                connectTimeout: 1s
                statusEvery: 10m
                functions:
                  - {name: clean-button, path: local, role: primary}
                  - {name: status-report, path: cloud, trigger: device}
                buffer: {capacity: 3, overflow: drop-oldest}
                reconnect: {initialDelay: 25m, multiplier: 1, maxDelay: 25m}
                """);
        run = ScenarioRuns.run(project, project, """
                name: overflow
                timeScale: 3600
                probe: {rounds: 2, timeout: 1s}
                fleet: [{model: %s, count: 2}]
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - {name: cut, kind: outage, duration: 4h, settle: 1h, faults: [{link: all, fault: blackhole}]}
                  - {name: recovery, kind: recovery, duration: 3h}
                """.formatted(MODEL));
    }

    @Test
    void overflowDropsAreCountedAndEverythingElseArrives() {
        EventsReport events = run.report().model(MODEL).events();
        assertThat(events.balanced()).as("%s", events).isTrue();
        assertThat(events.dropped().get("overflow")).as("4 h offline at one report per 10 min").isGreaterThan(10);
        assertThat(events.buffered()).as("replayed after the outage").isZero();
        assertThat(events.reachedCloud()).as("%s", events)
                // a publish whose PUBACK the blackhole swallowed reached the cloud, and may then be dropped
                // from the device's full buffer: at most one in flight a device at the cut
                .isLessThanOrEqualTo(events.delivered() + 2)
                // an acknowledged publish can race the outage's start and meet ingest already down
                .isGreaterThanOrEqualTo(events.delivered() - 2);
    }

    @Test
    void roundsWhileOfflineComeAtTheProbeSpacing_andTheReconnectGetsOneAtOnce() {
        long recoveryFrom = run.observations().stream().filter(PhaseObserved.class::isInstance).map(PhaseObserved.class::cast)
                .filter(phase -> phase.phase().equals("recovery") && phase.started()).findFirst().orElseThrow().atMillis();
        for (String device : List.of(MODEL + "-1", MODEL + "-2")) {
            ConnectionObserved reconnected = run.observations().stream().filter(ConnectionObserved.class::isInstance)
                    .map(ConnectionObserved.class::cast)
                    .filter(change -> change.device().equals(device) && change.change() == ConnectionObserved.Change.UP
                            && change.atMillis() >= recoveryFrom)
                    .findFirst().orElseThrow(() -> new AssertionError(device + " never reconnected"));
            long up = reconnected.atMillis();
            long offlineMillis = up - recoveryFrom;
            long offlineRounds = run.observations().stream().filter(ProbeObserved.class::isInstance).map(ProbeObserved.class::cast)
                    .filter(probe -> probe.device().equals(device) && probe.phase().equals("recovery") && probe.atMillis() < up)
                    .mapToInt(ProbeObserved::round).distinct().count();
            assertThat(offlineMillis).as("%s offline into the recovery", device).isGreaterThan(Duration.ofMinutes(5).toMillis());
            assertThat(offlineRounds).as("%s's rounds in the %d s of scenario time it was offline", device, offlineMillis / 1000)
                    .isBetween(1L, offlineMillis / SPACING.toMillis() + 1);

            RecoveryObserved recovery = run.observations().stream().filter(RecoveryObserved.class::isInstance)
                    .map(RecoveryObserved.class::cast).filter(result -> result.device().equals(device)).findFirst().orElseThrow();
            assertThat(recovery.recovered()).as("%s", recovery).isTrue();
            // From the start of the attempt that reconnected it, plus that attempt's real length (Recovery), not from its
            // CONNACK: a CI run read the recovery 127 s of scenario time before the CONNACK, as a connect slowed by a
            // loaded machine spans the scale times its real length.
            long attemptFrom = reconnected.attemptStartedAtMillis() - recoveryFrom;
            assertThat(recovery.afterMillis()).as("timed from its reconnection (its attempt from +%d s), not from a round %s apart",
                            attemptFrom / 1000, SPACING)
                    .isBetween(Math.min(attemptFrom, offlineMillis) - Duration.ofMinutes(1).toMillis(),
                            offlineMillis + Duration.ofMinutes(1).toMillis());
            assertThat(recovery.withinMillis()).as("%s", recovery).isLessThan(Duration.ofMinutes(1).toMillis());
        }
    }
}
