package io.cloudcut.report;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.EventsObserved;
import io.cloudcut.observation.FaultObserved;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.scenario.PhaseKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The series report.html charts, aggregated from observations written by hand, and the page's size at 1,000 devices. */
class ReportPageTest {

    @Test
    void bucketsHaveARoundWidthAndCoverTheRun() {
        TimeBuckets sixHours = TimeBuckets.covering(0, Duration.ofHours(6).toMillis(), 240);

        assertThat(sixHours.widthMillis()).as("90 s would do; 2 min is the next round width").isEqualTo(120_000);
        assertThat(sixHours.count()).isEqualTo(180);
        assertThat(sixHours.index(Duration.ofHours(6).toMillis())).as("the run's last moment, in the last bucket")
                .isEqualTo(179);
        assertThat(sixHours.startSeconds()).startsWith(0.0, 120.0, 240.0);
    }

    @Test
    void aBucketHoldsTheFewestConnectedSoADropShorterThanItShows() {
        List<ConnectionObserved> changes = List.of(
                ConnectionObserved.up(0, "a-1", "a", 0, 5),
                ConnectionObserved.up(0, "a-2", "a", 0, 5),
                ConnectionObserved.up(0, "b-1", "b", 0, 5),
                ConnectionObserved.down(130_000, "a-1", "a", "connection closed"),
                ConnectionObserved.up(150_000, "a-1", "a", 140_000, 5),
                ConnectionObserved.down(300_000, "b-1", "b", "keepalive"),
                ConnectionObserved.gaveUp(400_000, "b-1", "b", "3 attempts"),
                ConnectionObserved.down(420_000, "a-2", "a", "keepalive"),
                ConnectionObserved.gaveUp(430_000, "a-2", "a", "3 attempts"));

        ConnectedSeries connected = ConnectedSeries.of(changes, List.of("a", "b", "c"), new TimeBuckets(0, 60_000, 10));

        assertThat(connected.x()).startsWith(0.0, 60.0);
        assertThat(connected.models().get("a")).containsExactly(0, 2, 1, 2, 2, 2, 2, 1, 1, 1);
        assertThat(connected.models().get("b")).as("down at the start of bucket 5: none in it")
                .containsExactly(0, 1, 1, 1, 1, 0, 0, 0, 0, 0);
        assertThat(connected.models().get("c")).as("a model never connected keeps its line").containsOnly(0);
        assertThat(connected.total()).containsExactly(0, 3, 2, 3, 3, 2, 2, 1, 1, 1);
    }

    @Test
    void availabilityIsTheShareOfProbesThatWorkedRoundByRoundWhereTheModelHadOne() {
        List<ProbeObserved> probes = List.of(
                probe(10_000, "a", 0, ProbeOutcome.OK), probe(20_000, "a", 0, ProbeOutcome.OK),
                probe(60_000, "b", 0, ProbeOutcome.OK),
                probe(130_000, "a", 1, ProbeOutcome.OK), probe(131_000, "a", 1, ProbeOutcome.REFUSED),
                probe(185_000, "a", 1, ProbeOutcome.TIMED_OUT));

        AvailabilitySeries.Rounds rounds = new AvailabilitySeries.Rounds();
        probes.forEach(rounds::add);
        AvailabilitySeries availability = rounds.series(List.of("a", "b"));

        assertThat(availability.x()).as("at each round's first probe").containsExactly(10.0, 60.0, 130.0);
        assertThat(availability.models().get("a")).as("a round across a minute boundary is still one")
                .containsExactly(1.0, null, 0.333);
        assertThat(availability.models().get("b")).containsExactly(null, 1.0, null);
    }

    @Test
    void recoveryTimesFallIntoRoundBucketsAndDevicesNotBackAreCounted() {
        RecoveryReport recovery = fleetOf(5).recovered("vacuum-local-first-1", Duration.ofSeconds(10))
                .recovered("vacuum-local-first-2", Duration.ofSeconds(50))
                .recovered("vacuum-local-first-3", Duration.ofSeconds(70))
                .recovered("vacuum-local-first-4", Duration.ofSeconds(400))
                .notRecovered("vacuum-local-first-5", "docked, offline", false)
                .report().model("vacuum-local-first").recovery();

        RecoveryHistogram histogram = RecoveryHistogram.of(List.of(recovery));

        assertThat(histogram.bucketSeconds()).as("400 s in at most 24 buckets: 30 s each").isEqualTo(30.0);
        assertThat(histogram.devices()).hasSize(14).containsExactly(1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(histogram.notBack()).isEqualTo(1);
    }

    @Test
    void overlappingFaultsShadeOneWindowAndOneNeverRevertedLastsToTheEnd() {
        List<FaultObserved> faults = List.of(
                new FaultObserved(1_000, "down service ingest", false, true, 1, false),
                new FaultObserved(2_000, "blackhole link all", true, true, 4, false),
                new FaultObserved(5_000, "down service ingest", false, false, 1, false),
                new FaultObserved(8_000, "blackhole link all", true, false, 4, false),
                new FaultObserved(20_000, "down service auth", false, true, 1, false));

        assertThat(FaultWindows.of(faults, 30_000)).containsExactly(
                new FaultWindows.Window(1.0, 8.0, Set.of("down service ingest", "blackhole link all")),
                new FaultWindows.Window(20.0, 30.0, Set.of("down service auth")));
    }

    @Test
    void eventStacksAddUpToTheEventsGeneratedWithALayerPerDropReason() {
        RunFixture run = fleetOf(2)
                .observe(new EventsObserved(0, "vacuum-local-first-1", "vacuum-local-first", 100, 80, 5,
                        Map.of("outbox-full", 15L), 2, 3, false, 0))
                .observe(new EventsObserved(0, "vacuum-local-first-2", "vacuum-local-first", 50, 50, 0, Map.of(), 1, 0,
                        false, 0));

        EventStacks stacks = EventStacks.of(run.report().models());

        assertThat(stacks.models()).containsExactly("vacuum-local-first");
        assertThat(stacks.layers()).containsOnlyKeys("reached the cloud", "lost in the cloud", "buffered",
                "dropped: outbox-full");
        assertThat(stacks.layers().get("lost in the cloud")).as("no ingest received anything in this made-up run")
                .containsExactly(130);
        assertThat(stacks.layers().get("buffered")).containsExactly(5);
        assertThat(stacks.layers().get("dropped: outbox-full")).containsExactly(15);
        assertThat(stacks.layers().values().stream().mapToLong(layer -> layer[0]).sum()).isEqualTo(150);
    }

    /** The page says what the terminal says about a baseline that hides a slowdown, as a sentence; nothing when it does not. */
    @Test
    void aBaselineThatHidesASlowdownGetsTheTerminalsNoteAsASentence() {
        RunFixture loaded = RunFixture.baselineAnswering(SampleModels.CLOUD_LOCKED, 30, 300);
        RunFixture quick = RunFixture.baselineAnswering(SampleModels.CLOUD_LOCKED, 5, 20).timeScale(10);

        assertThat(ReportPage.of(loaded.report(), RunFold.of(loaded.observations())).latencyNote())
                .startsWith("A function read DEGRADED for latency only once its median grew by more than 650 ms (cloud)")
                .endsWith("tells smaller slowdowns apart.");
        assertThat(ReportPage.of(quick.report(), RunFold.of(quick.observations())).latencyNote()).isNull();
    }

    /** The page says of the harness what the terminal does, and why a failed expectation may be the harness's when it may. */
    @Test
    void thePageHasTheTerminalsHarnessLines_andWhyAFailedExpectationMayBeTheHarnesss() {
        RunFixture unhealthyLater = RunFixture.baselineAndOutage(SampleModels.CLOUD_LOCKED, 1, Duration.ofHours(2))
                .observe(RunFixture.health(HealthObserved.Window.BASELINE, true))
                .observe(RunFixture.health(HealthObserved.Window.RUN, false));
        RunFixture healthy = RunFixture.baselineAndOutage(SampleModels.CLOUD_LOCKED, 1, Duration.ofHours(2))
                .observe(RunFixture.health(HealthObserved.Window.BASELINE, true))
                .observe(RunFixture.health(HealthObserved.Window.RUN, true));
        List<ExpectationResult> failed = List.of(new ExpectationResult("every device recovered", false, "0 of 1 devices recovered"));

        ReportPage doubted = ReportPage.of(unhealthyLater.report().withExpectations(failed), RunFold.of(unhealthyLater.observations()));
        ReportPage metOnAnUnhealthyHarness = ReportPage.of(unhealthyLater.report(), RunFold.of(unhealthyLater.observations()));
        ReportPage failedOnAHealthyOne = ReportPage.of(healthy.report().withExpectations(failed), RunFold.of(healthy.observations()));

        assertThat(doubted.harness()).isEqualTo(TerminalTable.harnessLines(unhealthyLater.report()))
                .contains("harness, later in the run: event-loop lag p99 900 ms")
                .first().asString().startsWith("harness: 3600x between transitions").contains("baseline healthy");
        assertThat(doubted.harnessHealthy()).isFalse();
        assertThat(doubted.failuresInDoubt()).isEqualTo("The harness was not healthy later in the run (event-loop lag p99 "
                + "900 ms): the failure may be the harness's, not the devices'.");
        assertThat(metOnAnUnhealthyHarness.failuresInDoubt()).as("nothing failed").isNull();
        assertThat(failedOnAHealthyOne.harnessHealthy()).isTrue();
        assertThat(failedOnAHealthyOne.failuresInDoubt()).as("the devices' failure").isNull();
    }

    @Test
    void aThousandDevicesMakeAPageNoLargerThanAFew() throws Exception {
        int few = render(recovered(fleetOf(4))).length;
        int thousand = render(recovered(fleetOf(1000))).length;

        assertThat(thousand).as("bytes of report.html for 1,000 devices").isLessThan(200_000);
        assertThat(thousand - few).as("what 996 more devices add").isLessThan(2_000);
    }

    /** A made-up run of one model: devices connected, cut off by a link fault for the outage, each back after it. */
    private static RunFixture fleetOf(int devices) {
        RunFixture run = RunFixture.baselineAndOutage(SampleModels.LOCAL_FIRST, devices, Duration.ofHours(2))
                .phase("recovery", PhaseKind.RECOVERY, Duration.ofHours(1));
        long outage = run.start("outage").toMillis();
        long recovery = run.start("recovery").toMillis();
        run.observe(new FaultObserved(outage, "blackhole link all", true, true, devices, false))
                .observe(new FaultObserved(recovery, "blackhole link all", true, false, devices, false));
        for (int i = 1; i <= devices; i++) {
            String device = "vacuum-local-first-" + i;
            run.observe(ConnectionObserved.up(0, device, "vacuum-local-first", 0, 5))
                    .observe(ConnectionObserved.down(outage + i * 100L, device, "vacuum-local-first", "keepalive"))
                    .observe(ConnectionObserved.up(recovery + i * 1000L, device, "vacuum-local-first", recovery, 5));
        }
        return run.rounds("outage", 4, "vacuum-local-first", RunFixture.all(SampleModels.LOCAL_FIRST, ProbeOutcome.OK));
    }

    /** Each device back a second after the one before it. */
    private static RunFixture recovered(RunFixture run) {
        for (int i = 1; i <= run.scenario().fleet().get(0).count(); i++) {
            run.recovered("vacuum-local-first-" + i, Duration.ofSeconds(i));
        }
        return run;
    }

    private static byte[] render(RunFixture run) throws Exception {
        return HtmlReportWriter.render(ReportPage.of(run.report(), RunFold.of(run.observations()))).getBytes(StandardCharsets.UTF_8);
    }

    private static ProbeObserved probe(long atMillis, String model, int round, ProbeOutcome outcome) {
        return new ProbeObserved(atMillis, "outage", round, false, model + "-1", model, "chime", "local", outcome, 5, 0, 0, 0,
                null);
    }
}
