package io.cloudcut.report;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.FaultObserved;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.scenario.PhaseKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.cloudcut.observation.ProbeOutcome.OK;
import static io.cloudcut.report.RunFixture.all;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The report says at which scale the run ran, how healthy its harness was, and how precise each figure is. */
class HarnessSectionTest {

    private static final long LAG_MILLIS = 19;

    @Test
    void theHarnessSectionCarriesTheChosenScaleTheHealthAndTheClock() {
        HarnessReport harness = run().report().harness();
        assertThat(harness.timeScale()).isEqualTo(1200);
        assertThat(harness.baseline().healthy()).isTrue();
        assertThat(harness.baseline().probes()).isEqualTo(40);
        assertThat(harness.run().lagP99Millis()).isEqualTo(LAG_MILLIS);
        assertThat(harness.clock()).extracting(HarnessReport.ClockChange::why)
                .containsExactly(ClockObserved.Why.START, ClockObserved.Why.TRANSITION, ClockObserved.Why.RAMP, ClockObserved.Why.RAMP);
    }

    @Test
    void aProblemLaterInTheRunIsPrintedUnderTheTables() {
        String failure = "cloud service ingest failed 1 time in the harness's own code (first: java.lang.NullPointerException)";
        RunFixture run = RunFixture.baselineAndOutage(SampleModels.CLOUD_LOCKED, 1, Duration.ofHours(1))
                .observe(new HealthObserved(3_600_000, HealthObserved.Window.BASELINE, 1200, 1, 12, 1, 9, 40, 20, 0, true, List.of()))
                .observe(new HealthObserved(7_200_000, HealthObserved.Window.RUN, 1200, 1, 12, 1, 9, 40, 0, 0, false, List.of(failure)));

        assertThat(run.report().harness().run().problems()).as("in report.json").containsExactly(failure);
        assertThat(TerminalTable.render(run.report())).contains("harness, later in the run: " + failure + "\n");
        assertThat(TerminalTable.render(run().report())).doesNotContain("later in the run");
    }

    @Test
    void aClockSlowedForTheCloudOrTheMachinesConnectsIsSaidUnderTheTables_eachApart() {
        long stormMillis = Duration.ofHours(4).toMillis() + 120_000;
        RunFixture run = run().observe(new ClockObserved(stormMillis, 1, ClockObserved.Why.CLOUD))
                .observe(new ClockObserved(stormMillis + 2_000, 3, ClockObserved.Why.CLOUD))
                .observe(new ClockObserved(stormMillis + 60_000, 1, ClockObserved.Why.CONNECTS))
                .observe(new ClockObserved(stormMillis + 90_000, 1, ClockObserved.Why.CLOUD));

        assertThat(run.report().harness().clock()).filteredOn(change -> change.why() == ClockObserved.Why.CLOUD).hasSize(3);
        assertThat(run.report().harness().connectWaits()).isEqualTo(1);
        assertThat(TerminalTable.render(run.report()))
                .contains("harness: the emulated cloud fell behind 2 times, and the clock ran in real time until it caught up\n")
                .contains("harness: this machine's connections were slow 1 time (a connect with nothing faulted over a quarter "
                        + "of a device's time-out, a publish the broker left unanswered that long, or a connection lost with nothing "
                        + "faulted), and the clock ran in real time until they were in time again\n");
        assertThat(TerminalTable.render(run().report())).doesNotContain("fell behind").doesNotContain("connections were slow");
    }

    /**
     * Each time the climb begins to follow the connects' delay counts once, however many steps it takes on that slope; so
     * does each time the clock begins to run at the scale the rate of the fleet's connects allows, told apart.
     */
    @Test
    void aClockSlowedForTheConnectsIsSaidUnderTheTables_forTheirDelayAndTheirRateApart() {
        long outageEnd = Duration.ofHours(4).toMillis();
        RunFixture run = run().observe(new ClockObserved(outageEnd + 61_000, 30, ClockObserved.Why.CONNECT_DELAY))
                .observe(new ClockObserved(outageEnd + 70_000, 50, ClockObserved.Why.CONNECT_DELAY))
                .observe(new ClockObserved(outageEnd + 75_000, 20, ClockObserved.Why.CONNECT_RATE))
                .observe(new ClockObserved(outageEnd + 80_000, 12, ClockObserved.Why.CONNECT_RATE))
                .observe(new ClockObserved(outageEnd + 90_000, 80, ClockObserved.Why.RAMP))
                .observe(new ClockObserved(outageEnd + 95_000, 60, ClockObserved.Why.CONNECT_DELAY));

        assertThat(run.report().harness().connectDelaySlowdowns()).isEqualTo(2);
        assertThat(run.report().harness().connectRateSlowdowns()).isEqualTo(1);
        assertThat(run.report().harness().connectWaits()).as("not a wait in real time").isZero();
        assertThat(TerminalTable.render(run.report())).contains("harness: the clock climbed slower 2 times for this machine's "
                + "connects (nothing faulted), so that none spanned more than a tenth of the scenario time since the last transition\n")
                .contains("harness: the clock ran slower 1 time for the connects the fleet starts (nothing faulted), so that they "
                        + "came at no more than this machine carries (half the real rate at which its connects were found slow, more as "
                        + "they stayed in time)\n");
        assertThat(TerminalTable.render(run().report())).doesNotContain("climbed slower").doesNotContain("ran slower");
    }

    /**
     * Each stand for attempts due at once is said under the tables, and is no change of scale: a slowdown on either side of
     * it counts once.
     */
    @Test
    void aClockThatStoodStillForAttemptsDueAtOnceIsSaid_andItsStandsAreNoSlowdowns() {
        long outageEnd = Duration.ofHours(4).toMillis();
        RunFixture run = run().observe(new ClockObserved(outageEnd + 61_000, 20, ClockObserved.Why.CONNECT_RATE))
                .observe(new ClockObserved(outageEnd + 62_000, 20, ClockObserved.Why.ATTEMPTS))
                .observe(new ClockObserved(outageEnd + 63_000, 12, ClockObserved.Why.CONNECT_RATE))
                .observe(new ClockObserved(outageEnd + 64_000, 12, ClockObserved.Why.ATTEMPTS));

        assertThat(run.report().harness().attemptWaits()).isEqualTo(2);
        assertThat(run.report().harness().connectRateSlowdowns()).isEqualTo(1);
        assertThat(TerminalTable.render(run.report())).contains("harness: connect attempts came due at once beyond those this "
                + "machine runs at once (nothing faulted) 2 times, and scenario time stood still until each had its turn\n");
        assertThat(TerminalTable.render(run().report())).doesNotContain("came due at once");
    }

    /** A reconnect at 1x is known to within the lag; one at 60x, 60 times that. */
    @Test
    void eachFigureIsKnownToWithinTheHarnessDelayTimesTheScaleWhenItCame() {
        RunReport report = run().report();
        ReconnectReport reconnect = report.model("vacuum-cloud-locked").reconnect();
        assertThat(reconnect.devicesReconnected()).isEqualTo(2);
        assertThat(reconnect.resolutionSeconds()).as("the later reconnect's attempt began at 60x")
                .isCloseTo(60 * (LAG_MILLIS + 1) / 1000.0, within(1e-9));
        assertThat(reconnect.maxSeconds()).as("its exchange counts 12 ms, not the 20 s of scenario time it spanned at 60x")
                .isCloseTo(180.012, within(1e-9));
        assertThat(reconnect.p50Seconds()).isCloseTo(3.0, within(1e-9));
        RecoveryReport recovery = report.model("vacuum-cloud-locked").recovery();
        assertThat(recovery.resolutionSeconds()).as("between its last failing round and the round that found it back")
                .isCloseTo(0.25, within(1e-9));
    }

    /** A broker that was down cut every device as a blackhole does: their reconnects count from its return; a service's fault cuts none. */
    @Test
    void aBrokerFaultCountsReconnectsAsALinkFaultDoes() {
        long outageEnd = Duration.ofHours(4).toMillis();
        ReconnectReport afterTheBroker = run(new FaultObserved(outageEnd, "down broker embedded", false, false, 1, true))
                .report().model("vacuum-cloud-locked").reconnect();
        ReconnectReport afterAService = run(new FaultObserved(outageEnd, "down service auth", false, false, 1, false))
                .report().model("vacuum-cloud-locked").reconnect();

        assertThat(afterTheBroker.devicesReconnected()).isEqualTo(2);
        assertThat(afterTheBroker.maxSeconds()).isCloseTo(180.012, within(1e-9));
        assertThat(afterAService.devicesReconnected()).isZero();
    }

    @Test
    void theSlowdownsHiddenByPathKeepTheirKeysInOrder_soThatReportJsonIsTheSameFromEveryJvm() {
        Map<String, Long> byPath = new LinkedHashMap<>();
        for (char path = 'z'; path >= 'a'; path--) {
            byPath.put(String.valueOf(path), (long) path);
        }
        HarnessReport harness = run().report().harness().withSlowdownHidden(byPath);

        assertThat(List.copyOf(harness.slowdownHiddenMillis().keySet())).isSorted().hasSize(26);
    }

    private static RunFixture run() {
        return run(new FaultObserved(Duration.ofHours(4).toMillis(), "blackhole link all", true, false, 2, false));
    }

    /** Two devices of the cloud-locked vacuum, cut two hours into a 3 h outage, reconnecting after {@code reverted}. */
    private static RunFixture run(FaultObserved reverted) {
        RunFixture run = RunFixture.baselineAndOutage(SampleModels.CLOUD_LOCKED, 2, Duration.ofHours(3))
                .phase("recovery", PhaseKind.RECOVERY, Duration.ofHours(1));
        long outageEnd = Duration.ofHours(4).toMillis();
        run.rounds("outage", 2, "vacuum-cloud-locked", all(SampleModels.CLOUD_LOCKED, OK));
        run.observe(new ClockObserved(0, 1200, ClockObserved.Why.START))
                .observe(new ClockObserved(outageEnd, 1, ClockObserved.Why.TRANSITION))
                .observe(new ClockObserved(outageEnd + 6_000, 6, ClockObserved.Why.RAMP))
                .observe(new ClockObserved(outageEnd + 60_000, 60, ClockObserved.Why.RAMP))
                .observe(new HealthObserved(3_600_000, HealthObserved.Window.BASELINE, 1200, 1, 12, 1, 9, 40, 40, 0, true, List.of()))
                .observe(new HealthObserved(outageEnd + 3_600_000, HealthObserved.Window.RUN, 1200, 1, LAG_MILLIS, 1, 9, 40, 0, 0,
                        true, List.of()))
                .observe(reverted);
        for (String device : List.of("vacuum-cloud-locked-1", "vacuum-cloud-locked-2")) {
            run.observe(ConnectionObserved.down(Duration.ofHours(2).toMillis(), device, "vacuum-cloud-locked", "blackhole"));
        }
        run.observe(ConnectionObserved.up(outageEnd + 3_000, "vacuum-cloud-locked-1", "vacuum-cloud-locked",
                        outageEnd + 2_990, 10))
                .observe(ConnectionObserved.up(outageEnd + 200_000, "vacuum-cloud-locked-2", "vacuum-cloud-locked",
                        outageEnd + 180_000, 12))
                .observe(new RecoveryObserved(outageEnd + 4_000, "vacuum-cloud-locked-1", "vacuum-cloud-locked", true,
                        4_000, 250, 4_000, 3_000L, "docked", false));
        return run;
    }
}
