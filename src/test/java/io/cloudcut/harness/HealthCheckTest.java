package io.cloudcut.harness;

import io.cloudcut.fault.LinkFailure;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.scenario.DeviceKind;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FunctionPath;
import io.cloudcut.scenario.FunctionRole;
import io.cloudcut.scenario.FunctionSpec;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The instrument says when it cannot measure: each figure past its bound is named with what to change. */
class HealthCheckTest {

    private static final HarnessMonitor.Figures CALM = new HarnessMonitor.Figures(1, 12, 1, 8, 30);

    @Test
    void aFaultFreeBaselineThatFailedNothingOnACalmHarnessIsHealthy() {
        HealthObserved health = HealthCheck.judge(0, HealthObserved.Window.BASELINE, 3600, CALM, 1000, 0);
        assertThat(health.healthy()).isTrue();
        assertThat(health.problems()).isEmpty();
        assertThat(health.probes()).isEqualTo(1000);
    }

    @Test
    void aPartOfTheHarnessThatFailedMakesTheWindowUnhealthy_inItsOwnWords() {
        String failure = "cloud service ingest failed 1 time in the harness's own code (first: java.lang.NullPointerException)";
        HealthObserved health = HealthCheck.judge(0, HealthObserved.Window.RUN, 3600, CALM, 0, 0, List.of(failure));
        assertThat(health.healthy()).isFalse();
        assertThat(health.problems()).containsExactly(failure);
    }

    @Test
    void oneFailureInTwoHundredIsTheMost() {
        assertThat(HealthCheck.judge(0, HealthObserved.Window.BASELINE, 3600, CALM, 1000, 5).healthy()).isTrue();
        HealthObserved failing = HealthCheck.judge(0, HealthObserved.Window.BASELINE, 3600, CALM, 1000, 6);
        assertThat(failing.healthy()).isFalse();
        assertThat(failing.problems()).singleElement().asString()
                .contains("6 of 1000 fault-free baseline probes failed (0.6%", "smaller fleet", "slower clock");
    }

    /** A slower clock lightens the harness's load; it does not give a process more files, nor mend its own parts. */
    @Test
    void onlyARefusalForTheHarnesssLoadIsOneASlowerClockCanLift() {
        assertThat(HealthCheck.refusedForLoad(HealthCheck.judge(0, HealthObserved.Window.BASELINE, 3600, CALM, 1000, 0))).isFalse();
        assertThat(HealthCheck.refusedForLoad(HealthCheck.judge(0, HealthObserved.Window.BASELINE, 3600, CALM, 1000, 6))).isTrue();
        assertThat(HealthCheck.refusedForLoad(HealthCheck.judge(0, HealthObserved.Window.BASELINE, 3600,
                new HarnessMonitor.Figures(40, 350, 1, 8, 98), 1000, 0))).as("late loops").isTrue();
        assertThat(HealthCheck.refusedForLoad(HealthCheck.judge(0, HealthObserved.Window.BASELINE, 3600,
                new HarnessMonitor.Figures(1, 12, 90, 900, 98), 1000, 0))).as("late probes").isTrue();
        assertThat(HealthCheck.refusedForLoad(HealthCheck.judge(0, HealthObserved.Window.BASELINE, 3600, CALM, 1000, 0,
                List.of("cloud service ingest failed 1 time in the harness's own code")))).as("its own parts").isFalse();
        assertThat(HealthCheck.refusedForLoad(HealthCheck.judge(0, HealthObserved.Window.BASELINE, 3600, CALM, 1000, 0,
                List.of(HealthObserved.HIDES_A_SLOWDOWN + " of up to 552 ms (vacuum-cloud-locked clean-from-app: 18/276 ms at "
                        + "p50/p95), not less than the 500 ms that slow service auth {latency=500ms} adds"))))
                .as("a slowdown hidden in the baseline's latency").isTrue();
        assertThat(HealthCheck.refusedForLoad(HealthCheck.judge(0, HealthObserved.Window.BASELINE, 3600,
                new HarnessMonitor.Figures(1, 12, 12, 1, 8, 30, 20_000, 20_000), 1000, 0))).as("out of files").isFalse();
    }

    @Test
    void lateEventLoopsAndLateProbesAreNamedWithTheirFigures() {
        HarnessMonitor.Figures busy = new HarnessMonitor.Figures(40, 350, 90, 900, 98);
        HealthObserved health = HealthCheck.judge(0, HealthObserved.Window.BASELINE, 3600, busy, 100, 0);
        assertThat(health.healthy()).isFalse();
        assertThat(health.problems()).hasSize(2);
        assertThat(health.problems().get(0)).contains("350 ms late (p99; at most 200 ms allowed)");
        assertThat(health.problems().get(1)).contains("probes started 900 ms after their plan");
        assertThat(health.lagP99Millis()).isEqualTo(350);
        assertThat(health.cpuPercent()).isEqualTo(98);
    }

    @Test
    void aProcessAtItsOpenFileLimitIsAProblemOfTheHarness() {
        HarnessMonitor.Figures nearly = new HarnessMonitor.Figures(1, 12, 12, 1, 8, 30, 19_700, 20_000);
        HarnessMonitor.Figures atTheLimit = new HarnessMonitor.Figures(1, 12, 12, 1, 8, 30, 19_901, 20_000);

        assertThat(HealthCheck.judge(0, HealthObserved.Window.RUN, 35, nearly, 0, 0).healthy()).isTrue();
        HealthObserved health = HealthCheck.judge(0, HealthObserved.Window.RUN, 35, atTheLimit, 0, 0);
        assertThat(health.healthy()).isFalse();
        assertThat(health.problems()).singleElement().asString()
                .startsWith("a process had 19901 files open, of the 20000 it may (its limit)")
                .contains("refused by the harness itself", "--workers");
    }

    @Test
    void theProcessNearestItsOpenFileLimitSpeaksForAll() {
        HarnessMonitor.Figures here = new HarnessMonitor.Figures(1, 12, 12, 1, 8, 30, 500, 20_000);
        HarnessMonitor.Figures worker = new HarnessMonitor.Figures(1, 12, 12, 1, 8, 30, 19_990, 20_000);
        HarnessMonitor.Figures unknown = new HarnessMonitor.Figures(1, 12, 1, 8, 30);

        HarnessMonitor.Figures all = here.withOthers(List.of(worker, unknown));
        assertThat(all.peakOpenFiles()).isEqualTo(19_990);
        assertThat(HarnessMonitor.Figures.fromJson(all.toJson())).isEqualTo(all);
    }

    /**
     * A broker drops a client silent for one and a half keepalives, and a device drops a connection whose
     * acknowledgement is later than its time-out: a stall past the less of half a keepalive and that time-out may
     * have cut a device that did nothing wrong, and says so with the model that set the bound.
     */
    @Test
    void aStallLongerThanTheTightestConnectionAllowsIsTheHarnesssProblem() {
        DeviceModel doorbell = model("doorbell-cloud-only", Duration.ofSeconds(2), Duration.ofSeconds(1));
        HarnessMonitor.Figures stalledOneSecond = new HarnessMonitor.Figures(1, 12, 1_000, 1, 8, 30, 500, 20_000);
        HarnessMonitor.Figures stalledLonger = new HarnessMonitor.Figures(1, 12, 1_412, 1, 8, 30, 500, 20_000);

        assertThat(HealthCheck.judge(0, HealthObserved.Window.RUN, 3600, stalledOneSecond, 0, 0, List.of(), doorbell).healthy())
                .isTrue();
        HealthObserved health = HealthCheck.judge(0, HealthObserved.Window.RUN, 3600, stalledLonger, 0, 0, List.of(), doorbell);
        assertThat(health.healthy()).isFalse();
        assertThat(health.stalledPastAConnectionsMargin()).isTrue();
        assertThat(health.problems()).singleElement().asString()
                .contains("1412 ms, past the 1000 ms of doorbell-cloud-only's", "keepalives of 2s", "is 1s late");
        assertThat(HealthCheck.judge(0, HealthObserved.Window.RUN, 3600, stalledLonger, 0, 0, List.of(), null).healthy())
                .as("no fleet, no connection to judge a stall by").isTrue();
    }

    @Test
    void theMarginIsTheLessOfHalfAKeepaliveAndTheAcknowledgementTimeOut() {
        assertThat(HealthCheck.connectionMargin(model("m", Duration.ofSeconds(10), Duration.ofSeconds(1))))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(HealthCheck.connectionMargin(model("m", Duration.ofSeconds(2), Duration.ofSeconds(5))))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(HealthCheck.connectionMargin(model("m", Duration.ofSeconds(30), Duration.ofSeconds(5))))
                .isEqualTo(Duration.ofSeconds(5));
    }

    private static DeviceModel model(String id, Duration keepAlive, Duration ackTimeOut) {
        return new DeviceModel(id, DeviceKind.DOORBELL, null, null, null, keepAlive, ackTimeOut, null,
                List.of(new FunctionSpec("chime", FunctionPath.LOCAL, null, null, FunctionRole.PRIMARY)), null, null, null, null);
    }

    /** A stall in one process is a stall for every probe through it: the longest of any process speaks for all. */
    @Test
    void theLongestStallOfAnyProcessSpeaksForAll() {
        HarnessMonitor.Figures here = new HarnessMonitor.Figures(1, 12, 40, 1, 8, 30, 500, 20_000);
        HarnessMonitor.Figures stalledWorker = new HarnessMonitor.Figures(1, 9, 180, 1, 8, 30, 500, 20_000);

        HarnessMonitor.Figures all = here.withOthers(List.of(stalledWorker));
        assertThat(all.lagMaxMillis()).isEqualTo(180);
        assertThat(all.lagP99Millis()).isEqualTo(12);
        assertThat(HarnessMonitor.Figures.fromJson(all.toJson()).lagMaxMillis()).isEqualTo(180);
    }

    @Test
    void aLinkAndTheSharedPortAreNamedEachAsWhatFailed() {
        assertThat(HealthCheck.linkFailed(new LinkFailure("robot-1", 2, "relaying upstream: boom")))
                .startsWith("the fault proxy's link for device robot-1 failed 2 times in the harness's own code "
                        + "(first: relaying upstream: boom)");
        assertThat(HealthCheck.linkFailed(new LinkFailure(LinkFailure.SHARED_PORT, 1, "its listening socket closed")))
                .startsWith("the fault proxy's shared port stopped listening 1 time (first: its listening socket closed): "
                        + "it was bound again on the same port")
                .contains("no device could connect through it");
    }

    @Test
    void theMonitorCountsThisProcesssOpenFiles() {
        Vertx vertx = Vertx.vertx();
        try {
            HarnessMonitor monitor = HarnessMonitor.start(vertx);
            long from = System.nanoTime();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> monitor.since(from).peakOpenFiles() > 0);
            HarnessMonitor.Figures figures = monitor.since(from);
            assertThat(figures.openFilesLimit()).isGreaterThan(figures.peakOpenFiles());
            monitor.stop();
        } finally {
            vertx.close().await();
        }
    }
}
