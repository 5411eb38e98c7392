package io.cloudcut.harness;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.LinkReopenedObserved;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.report.ReconnectReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Links that flap through a phase, on the embedded broker over real TCP: each time a link comes up again the run
 * observes it, so that every loss a device came back from within the flap is a timed reconnect, not only the last one
 * after the fault is removed.
 */
class FlappingLinkRunTest {

    @Test
    void everyReconnectWithinAFlapIsTimedFromItsLinksReopening(@TempDir Path project) throws Exception {
        Path devices = ScenarioRuns.projectWithDefaultCloud(project);
        Files.writeString(devices.resolve("flapped.yaml"), """
                # Retries quickly, so that it is back within each up half of the flap.
                kind: doorbell
                keepAlive: 2s
                connectTimeout: 1s
                functions:
                  - {name: chime, path: local, role: primary}
                  - {name: live-view, path: cloud}
                session: {tokenTtl: 1h, onLoss: keep-local}
                reconnect: {initialDelay: 1s, multiplier: 2, maxDelay: 20s, jitter: none}
                """);
        ScenarioRuns run = ScenarioRuns.run(project, project, """
                name: flaky-wifi
                timeScale: 120
                probe: {rounds: 1, timeout: 1s}
                fleet: [{model: flapped, count: 2}]
                phases:
                  - {name: baseline, kind: baseline, duration: 10m}
                  - name: flaky
                    kind: outage
                    duration: 16m
                    faults: [{link: all, fault: flap, attributes: {down: 1000, up: 2000}}]
                  - {name: recovery, kind: recovery, duration: 5m}
                """);

        long flapStart = phaseMark(run, "flaky", true);
        long flapEnd = phaseMark(run, "flaky", false);
        List<LinkReopenedObserved> reopened = run.observations().stream()
                .filter(LinkReopenedObserved.class::isInstance).map(LinkReopenedObserved.class::cast).toList();
        assertThat(reopened).as("each link's up halves, told while the flap was on").isNotEmpty()
                .allSatisfy(up -> assertThat(up.atMillis()).isBetween(flapStart, flapEnd));
        assertThat(reopened).extracting(LinkReopenedObserved::device).contains("flapped-1", "flapped-2");

        List<ConnectionObserved> changes = run.observations().stream().filter(ConnectionObserved.class::isInstance)
                .map(ConnectionObserved.class::cast).toList();
        long lossesComeBackFrom = changes.stream().filter(loss -> loss.change() == ConnectionObserved.Change.DOWN)
                .filter(loss -> changes.stream().anyMatch(up -> up.device().equals(loss.device())
                        && up.change() == ConnectionObserved.Change.UP && up.atMillis() > loss.atMillis()))
                .count();
        long upsWithinTheFlap = changes.stream().filter(up -> up.change() == ConnectionObserved.Change.UP)
                .filter(up -> up.atMillis() > flapStart && up.atMillis() < flapEnd).count();
        assertThat(upsWithinTheFlap).as("the devices came back within the flap's up halves").isPositive();

        ReconnectReport reconnect = run.report().model("flapped").reconnect();
        System.out.println("flap: " + reopened.size() + " reopenings, " + lossesComeBackFrom + " losses come back from, "
                + reconnect.reconnections() + " reconnects timed, p50 " + reconnect.p50Seconds() + " s, max "
                + reconnect.maxSeconds() + " s");
        assertThat(reconnect.reconnections()).as("a reconnect for every loss a device came back from")
                .isEqualTo(lossesComeBackFrom).isGreaterThan(2);
        assertThat(reconnect.maxSeconds()).as("each within a few retries of its link's reopening, not from the flap's start")
                .isLessThan(60);
    }

    private static long phaseMark(ScenarioRuns run, String phase, boolean started) {
        return run.observations().stream().filter(PhaseObserved.class::isInstance).map(PhaseObserved.class::cast)
                .filter(mark -> mark.phase().equals(phase) && mark.started() == started)
                .mapToLong(PhaseObserved::atMillis).findFirst().orElseThrow();
    }
}
