package io.cloudcut.harness;

import io.cloudcut.fault.FaultProxy;
import io.cloudcut.fault.Link;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.RunReport;
import io.cloudcut.report.TerminalTable;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.testing.ObservationRecorder;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run in which the proxy's own code fails on one device's link, on the embedded broker over real
 * TCP: the link is restarted on the same port, the device reconnects through it, and the run's
 * harness health, report.json and the terminal table all name the failure and the device. A link that
 * fails in the baseline leaves the run without verdicts: the instrument broke while it was being checked.
 */
class FailingLinkRunTest {

    private static final String DEVICE = "doorbell-local-chime-1";
    /** Into the outage, after the baseline hour: the baseline measures a harness that has not failed yet. */
    private static final Duration FAILS_AFTER = Duration.ofMinutes(70);

    @Test
    void aLinkWhoseCodeThrows_isRestarted_theDeviceReconnects_andTheReportNamesTheFailure(@TempDir Path dir)
            throws Exception {
        AtomicReference<Link> failing = new AtomicReference<>();
        AtomicReference<Integer> portBefore = new AtomicReference<>();
        Scenario scenario = scenario(dir);
        ObservationRecorder recorder = new ObservationRecorder();
        RunResult result = runnerFailingAfter(FAILS_AFTER, failing, portBefore, recorder).run(scenario);
        if (!result.health(HealthObserved.Window.BASELINE).orElseThrow().healthy()) {
            // The harness could not measure (a machine busy with other forks): once more, as ScenarioRuns does.
            recorder = new ObservationRecorder();
            result = runnerFailingAfter(FAILS_AFTER, failing, portBefore, recorder).run(scenario);
        }

        HealthObserved baseline = result.health(HealthObserved.Window.BASELINE).orElseThrow();
        assertThat(baseline.healthy()).as("baseline problems: %s", baseline.problems()).isTrue();
        HealthObserved run = result.health(HealthObserved.Window.RUN).orElseThrow();
        assertThat(run.healthy()).isFalse();
        assertThat(run.problems()).anySatisfy(problem -> assertThat(problem).startsWith(
                "the fault proxy's link for device " + DEVICE + " failed 1 time in the harness's own code (first: ")
                .contains("IllegalStateException: a marked packet", "restarted on the same port"));

        Link link = failing.get();
        assertThat(link.port()).isEqualTo(portBefore.get());
        assertThat(link.stats().accepted()).as("the first connection and the one after the restart").isGreaterThanOrEqualTo(2);
        List<ConnectionObserved> changes = recorder.only(ConnectionObserved.class).stream()
                .filter(change -> change.device().equals(DEVICE)).toList();
        long failedAt = FAILS_AFTER.toMillis();
        assertThat(changes).as("the device went down after the failure, and came up again through the restarted link")
                .anySatisfy(down -> {
                    assertThat(down.change()).isEqualTo(ConnectionObserved.Change.DOWN);
                    assertThat(down.atMillis()).isGreaterThanOrEqualTo(failedAt);
                    assertThat(changes.subList(changes.indexOf(down), changes.size()))
                            .anyMatch(up -> up.change().equals(ConnectionObserved.Change.UP));
                });

        RunReport report = result.report();
        Path written = new JsonReportWriter().write(report, dir.resolve("report"));
        JsonObject json = new JsonObject(Files.readString(written));
        assertThat(json.getJsonObject("harness").getJsonObject("run").getJsonArray("problems").encode())
                .contains("link for device " + DEVICE, "a marked packet");
        assertThat(TerminalTable.render(report)).contains("harness, later in the run: the fault proxy's link for device "
                + DEVICE);
    }

    @Test
    void aLinkThatFailsInTheBaseline_leavesTheRunWithoutVerdicts_namingTheLink(@TempDir Path dir) throws Exception {
        ObservationRecorder recorder = new ObservationRecorder();
        RunResult result = runnerFailingAfter(Duration.ofMinutes(20), new AtomicReference<>(), new AtomicReference<>(),
                recorder).run(scenario(dir));

        HealthObserved baseline = result.health(HealthObserved.Window.BASELINE).orElseThrow();
        assertThat(baseline.healthy()).isFalse();
        assertThat(baseline.problems()).anySatisfy(problem -> assertThat(problem).startsWith(
                "the fault proxy's link for device " + DEVICE + " failed 1 time in the harness's own code"));
        assertThat(recorder.only(PhaseObserved.class)).noneMatch(phase -> phase.phase().equals("outage"));
    }

    private static Scenario scenario(Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("scenario.yaml"), """
                name: failing-link
                timeScale: 3600
                probe: {rounds: 2, timeout: 1500ms}
                fleet: [{model: doorbell-local-chime, count: 1}]
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - {name: outage, kind: outage, duration: 3h, faults: [{service: notify, fault: down}]}
                  - {name: recovery, kind: recovery, duration: 1h}
                """);
        return Scenarios.loader(Project.root()).load(file);
    }

    /**
     * A runner whose proxy link for {@link #DEVICE} throws on its first PUBLISH past {@code after} of scenario
     * time, its observations told to {@code recorder}.
     */
    private static ScenarioRunner runnerFailingAfter(Duration after, AtomicReference<Link> failing,
                                                     AtomicReference<Integer> portBefore, ObservationRecorder recorder) {
        return new ScenarioRunner(RunSettings.embedded(Project.file("broker-config"))
                .watchedBy(ProgressListener.observing(recorder)),
                (FaultProxy proxy) -> {
                    Link link = proxy.link(DEVICE);
                    failing.set(link);
                    portBefore.set(link.port());
                    // As a bug in the proxy's own code would.
                    link.add(new OnFirstPublishAfter("throws-on-publish", after, () -> {
                        throw new IllegalStateException("a marked packet");
                    }));
                });
    }
}
