package io.cloudcut.report;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.ConnectsStuckObserved;
import io.cloudcut.observation.EventsObserved;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.PhaseKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.cloudcut.observation.ProbeOutcome.OK;
import static io.cloudcut.observation.ProbeOutcome.REFUSED;
import static io.cloudcut.observation.ProbeOutcome.TIMED_OUT;
import static io.cloudcut.report.RunFixture.all;
import static org.assertj.core.api.Assertions.assertThat;

/** What a person at a terminal reads: the matrix, then per model its rung per outage phase, its verdict and timeline. */
class TerminalTableTest {

    private static final DeviceModel LOCKED = SampleModels.CLOUD_LOCKED;

    @Test
    void eachModelGetsALineWithItsRungPerOutagePhaseItsVerdictAndItsTimeline() {
        String table = TerminalTable.render(lockedVacuumsThroughAnAuthOutage());

        assertThat(table).containsPattern("vacuum-cloud-locked +clean-button +local +4/4 ok +0/6 ok +4/4 ok +- +LOST");
        assertThat(table).containsPattern("model +auth-down +auth-back +verdict +timeline");
        assertThat(table).containsPattern("vacuum-cloud-locked +FAIL_CLOSED +LOCAL_FUNCTION_KEPT +FAIL_CLOSED +"
                + "FAIL_CLOSED from \\+0:00 to \\+9:00, LOCAL_FUNCTION_KEPT from \\+9:00 to \\+17:00");
        assertThat(table).contains("a change is placed within 4.0h");
        assertThat(table).contains("1 recovered, 1 NEEDS_A_PERSON");
        assertThat(table).contains("NEEDS_A_PERSON vacuum-cloud-locked-2: docked, offline");
        assertThat(table).doesNotContain("\u001B");
    }

    @Test
    void inColourEachVerdictWordIsPaintedByWhereItStands_andTheColumnsLineUpAsInPlainText() {
        RunReport report = lockedVacuumsThroughAnAuthOutage();

        String coloured = TerminalTable.render(report, Palette.ANSI);

        assertThat(coloured.replaceAll("\u001B\\[[0-9;]*m", "")).isEqualTo(TerminalTable.render(report, Palette.PLAIN));
        assertThat(coloured).contains("\u001B[31mLOST\u001B[0m", "\u001B[32mLOCAL_FUNCTION_KEPT\u001B[0m",
                "\u001B[33mFAIL_CLOSED\u001B[0m", "\u001B[31mNEEDS_A_PERSON\u001B[0m vacuum-cloud-locked-2");
        assertThat(coloured).as("names and figures stay plain").contains("vacuum-cloud-locked  ")
                .doesNotContain("\u001B[32mvacuum");
    }

    @Test
    void aModelWhoseDevicesRejectedMalformedMessagesSaysHowMany_andOneWithoutSaysNothing() {
        RunFixture run = twoLockedVacuumsThroughABaseline();

        assertThat(TerminalTable.render(run.report())).doesNotContain("malformed");

        String table = TerminalTable.render(run
                .observe(new EventsObserved(0, "vacuum-cloud-locked-1", LOCKED.id(), 0, 0, 0, Map.of(), 1, 0, false, 3))
                .observe(new EventsObserved(0, "vacuum-cloud-locked-2", LOCKED.id(), 0, 0, 0, Map.of(), 1, 0, false, 4))
                .report());
        assertThat(table).contains("vacuum-cloud-locked: 7 malformed messages rejected\n");
    }

    @Test
    void aModelWhoseDevicesWereRefusedSaysWhyAndHowManyWereTold() {
        RunFixture run = twoLockedVacuumsThroughABaseline();

        assertThat(TerminalTable.render(run.report())).doesNotContain("refused (");

        String table = TerminalTable.render(run
                .observe(ConnectionObserved.refused(10, "vacuum-cloud-locked-1", LOCKED.id(), "TLS refused: certificate expired"))
                .observe(ConnectionObserved.refused(20, "vacuum-cloud-locked-2", LOCKED.id(), "TLS refused: certificate expired"))
                .observe(ConnectionObserved.refused(30, "vacuum-cloud-locked-2", LOCKED.id(), "TLS refused: unknown CA"))
                .report());
        assertThat(table).contains("vacuum-cloud-locked: 2 devices were refused (TLS refused: certificate expired)\n",
                "vacuum-cloud-locked: 1 device was refused (TLS refused: unknown CA)\n");
    }

    /** Paho's connects left waiting for ever: counted per model in the report, and said under the table. */
    @Test
    void aModelWhoseClientLeftConnectsWaitingForEverSaysHowManyAndOfHowManyDevices() {
        RunFixture run = twoLockedVacuumsThroughABaseline();

        assertThat(run.report().model(LOCKED.id()).reconnect().connectsLeftWaiting()).isZero();
        assertThat(TerminalTable.render(run.report())).doesNotContain("waiting for ever");

        RunReport report = run
                .observe(new ConnectsStuckObserved(7_200_000, "vacuum-cloud-locked-1", LOCKED.id(), 6))
                .observe(new ConnectsStuckObserved(7_200_000, "vacuum-cloud-locked-2", LOCKED.id(), 1_497))
                .report();
        assertThat(report.model(LOCKED.id()).reconnect().connectsLeftWaiting()).isEqualTo(1_503);
        assertThat(report.model(LOCKED.id()).reconnect().devicesLeavingConnectsWaiting()).isEqualTo(2);
        assertThat(TerminalTable.render(report)).contains("vacuum-cloud-locked: 1,503 connects left waiting for ever by 2 "
                + "devices' MQTT client (Paho 1.2.5, eclipse-paho/paho.mqtt.java#953)");
    }

    @Test
    void aRunStalledInManyPhasesNamesItsLongestStalls_andCountsTheRest() {
        RunFixture run = twoLockedVacuumsThroughABaseline();
        long[] stalls = {60, 423, 90, 186, 70, 112};
        for (int phase = 0; phase < stalls.length; phase++) {
            run.phase("fault-" + phase, PhaseKind.OUTAGE, Duration.ofHours(1)).harnessStalled("fault-" + phase, stalls[phase], 10);
        }

        assertThat(TerminalTable.render(run.report())).contains("harness: stalled for up to 423 ms in fault-1 (scenario time stood "
                + "still for 10 ms of the phase), 186 ms in fault-3 (scenario time stood still for 10 ms of the phase), 112 ms in "
                + "fault-5 (scenario time stood still for 10 ms of the phase), and up to 90 ms in 3 other phases (report.json: "
                + "phases[].harnessLagMaxMillis), its longest event-loop lag");
    }

    @Test
    void aPhaseWhereTheHarnessStalledPastTheLatencyFloorIsNamedWithItsLongestStall() {
        RunFixture run = twoLockedVacuumsThroughABaseline().phase("outage", PhaseKind.OUTAGE, Duration.ofHours(1));

        assertThat(TerminalTable.render(run.harnessStalled("outage", FunctionVerdicts.MIN_SLACK_MILLIS)
                .harnessStalled("baseline", 400).report())).as("within the floor; the baseline is the reference").doesNotContain("stalled");
        assertThat(TerminalTable.render(run.harnessStalled("outage", 180).report()))
                .contains("harness: stalled for up to 180 ms in outage (up to 11m of scenario time), its longest event-loop lag: "
                        + "a probe's latency counts less the stalls it was in flight through; a device's "
                        + "deadline that fell in a stall passed for the harness's reasons\n");
        assertThat(TerminalTable.render(run.harnessStalled("outage", 543, 440).report()))
                .as("scenario time stood still through it: no deadline passed in it")
                .contains("harness: stalled for up to 543 ms in outage (scenario time stood still for 440 ms of the phase), its longest "
                        + "event-loop lag: a probe's latency counts less the stalls it was in flight through\n");
    }

    /**
     * A baseline slow enough to hide a slowdown of over a quarter of a second says by how much, for cloud and local
     * functions apart; a quick one says nothing. At 1,000 devices, cloud functions 500 ms slower a request read KEPT.
     */
    @Test
    void aBaselineThatHidesASlowdownSaysHowMuchPerPath_andAQuickOneSaysNothing() {
        RunFixture quick = RunFixture.baselineAnswering(LOCKED, 5, 20).timeScale(10);
        RunFixture loaded = RunFixture.baselineAnswering(LOCKED, 30, 300).timeScale(10);

        assertThat(loaded.report().harness().slowdownHiddenMillis()).as("in report.json too")
                .isEqualTo(Map.of("cloud", 650L, "local", 110L));
        assertThat(TerminalTable.render(quick.report())).doesNotContain("DEGRADED for latency");
        assertThat(TerminalTable.render(loaded.report())).contains("harness: a function read DEGRADED for latency only once its "
                + "median grew by more than 650 ms (cloud), 110 ms (local) over the baseline's, for the baseline's own latency and "
                + "jitter under the harness's load: a slower clock (--time-scale) or a smaller fleet tells smaller slowdowns apart\n");
    }

    /**
     * A quick baseline still hides minutes at 3600x: a wait on the scenario clock that the answer does not carry shows in
     * real time divided by the scale, as the cloud's throttled queues did before their holds were carried.
     */
    @Test
    void aBaselineQuickInRealTimeSaysWhatItHidesInScenarioTimeAtAHighScale() {
        RunFixture quick = RunFixture.baselineAnswering(LOCKED, 5, 20);

        assertThat(TerminalTable.render(quick.report())).contains("harness: a function read DEGRADED for latency only once its "
                + "median grew by more than 90 ms (cloud), 60 ms (local) over the baseline's; at 3600x that is 5m (cloud), 4m (local) "
                + "of scenario time, and a wait on the scenario clock that the answer does not carry shorter than that reads KEPT: "
                + "a slower clock (--time-scale) tells smaller slowdowns apart\n");
        assertThat(TerminalTable.render(RunFixture.baselineAnswering(LOCKED, 5, 20).timeScale(600).report()))
                .as("90 ms at 600x: 54 s").doesNotContain("DEGRADED for latency");
    }

    private static RunFixture twoLockedVacuumsThroughABaseline() {
        return new RunFixture().model(LOCKED, 2)
                .phase("baseline", PhaseKind.BASELINE, Duration.ofHours(1))
                .rounds("baseline", 1, LOCKED.id(), all(LOCKED, OK));
    }

    @Test
    void aLongTimelineGoesOnLinesOfItsOwnUnderItsColumn_everySpanInOrder() {
        RunFixture run = new RunFixture().model(LOCKED, 1).phase("baseline", PhaseKind.BASELINE, Duration.ofHours(1));
        for (int flap = 1; flap <= 3; flap++) {
            run.phase("down-" + flap, PhaseKind.OUTAGE, Duration.ofHours(1)).phase("back-" + flap, PhaseKind.OUTAGE, Duration.ofHours(1));
        }
        run.phase("recovery", PhaseKind.RECOVERY, Duration.ofHours(1)).rounds("baseline", 1, LOCKED.id(), all(LOCKED, OK));
        for (int flap = 1; flap <= 3; flap++) {
            run.rounds("down-" + flap, 1, LOCKED.id(), Map.of("clean-button", REFUSED, "scheduled-clean", REFUSED, "clean-from-app", TIMED_OUT))
                    .rounds("back-" + flap, 1, LOCKED.id(), Map.of("clean-button", OK, "scheduled-clean", OK, "clean-from-app", TIMED_OUT));
        }
        RunReport report = run.report();
        String timeline = report.model(LOCKED.id()).timeline().describe();

        List<String> table = TerminalTable.render(report).lines().dropWhile(line -> !line.matches("model .* verdict +timeline"))
                .takeWhile(line -> !line.startsWith("timeline:")).toList();

        assertThat(timeline.length()).as(timeline).isGreaterThan(2 * TerminalTable.TIMELINE_WIDTH);
        int column = table.get(0).indexOf("timeline");
        List<String> lines = table.subList(2, table.size());
        assertThat(lines).as("the model's row and its timeline's further lines").hasSizeGreaterThan(2)
                .allSatisfy(line -> assertThat(line.substring(column)).hasSizeLessThanOrEqualTo(TerminalTable.TIMELINE_WIDTH));
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line.substring(0, column)).isBlank());
        assertThat(String.join(" ", lines.stream().map(line -> line.substring(column)).toList())).isEqualTo(timeline);
    }

    /**
     * A sweep of a dozen faults, a phase each: its tables go in turns no wider than {@link TerminalTable#MAX_WIDTH},
     * each naming its rows again, every phase in one turn, the verdict and the timeline in the last.
     */
    @Test
    void aTableOfManyPhasesGoesInTurns_eachNamingItsRowsAgain() {
        RunFixture run = new RunFixture().model(LOCKED, 1).phase("baseline", PhaseKind.BASELINE, Duration.ofHours(1))
                .rounds("baseline", 1, LOCKED.id(), all(LOCKED, OK));
        List<String> faults = List.of("latency", "loss", "bandwidth", "slow-close", "refuse-connect", "overload",
                "drop-publish", "lose-publish", "delay-publish", "withhold-puback", "duplicate-publish", "reset");
        for (String fault : faults) {
            run.phase(fault, PhaseKind.OUTAGE, Duration.ofHours(1)).phase("after-" + fault, PhaseKind.RECOVERY, Duration.ofMinutes(30))
                    .rounds(fault, 1, LOCKED.id(), Map.of("clean-button", REFUSED, "scheduled-clean", OK, "clean-from-app", TIMED_OUT));
        }
        String rendered = TerminalTable.render(run.report());

        List<String> matrixHeaders = rendered.lines().filter(line -> line.startsWith("model ") && line.contains("function")).toList();
        List<String> verdictHeaders = rendered.lines().filter(line -> line.startsWith("model ") && !line.contains("function")
                && !line.contains("noticed")).toList();
        assertThat(matrixHeaders).as("the function matrix in turns").hasSizeGreaterThan(1)
                .allSatisfy(header -> assertThat(header).hasSizeLessThanOrEqualTo(TerminalTable.MAX_WIDTH));
        assertThat(verdictHeaders).as("the verdicts in turns").hasSizeGreaterThan(1);
        assertThat(verdictHeaders.get(verdictHeaders.size() - 1)).containsPattern("verdict +timeline$");
        assertThat(verdictHeaders.subList(0, verdictHeaders.size() - 1)).noneMatch(header -> header.contains("verdict"));
        for (String fault : faults) {
            assertThat(matrixHeaders).as(fault).filteredOn(header -> header.matches(".* " + fault + "( .*|$)")).hasSize(1);
            assertThat(verdictHeaders).as(fault).filteredOn(header -> header.matches(".* " + fault + "( .*|$)")).hasSize(1);
        }
        assertThat(rendered.lines().filter(line -> line.startsWith("vacuum-cloud-locked ") && line.contains("clean-button")))
                .as("the function's row, once a turn").hasSize(matrixHeaders.size());
    }

    @Test
    void wrappingBreaksOnlyBetweenParts_andAPartLongerThanTheWidthHasALineOfItsOwn() {
        assertThat(TerminalTable.wrap("aa, bb, cc", 7)).containsExactly("aa, bb,", "cc");
        assertThat(TerminalTable.wrap("aa, bb, cc", 6)).as("the comma counts").containsExactly("aa,", "bb,", "cc");
        assertThat(TerminalTable.wrap("aa, bbbbbbbb, cc", 6)).containsExactly("aa,", "bbbbbbbb,", "cc");
        assertThat(TerminalTable.wrap("short", 80)).containsExactly("short");
    }

    private static RunReport lockedVacuumsThroughAnAuthOutage() {
        return new RunFixture().model(LOCKED, 2)
                .phase("baseline", PhaseKind.BASELINE, Duration.ofHours(1))
                .phase("auth-down", PhaseKind.OUTAGE, Duration.ofHours(9))
                .phase("auth-back", PhaseKind.OUTAGE, Duration.ofHours(8))
                .phase("recovery", PhaseKind.RECOVERY, Duration.ofHours(1))
                .rounds("baseline", 2, LOCKED.id(), all(LOCKED, OK))
                .rounds("auth-down", 3, LOCKED.id(), Map.of("clean-button", REFUSED, "scheduled-clean", REFUSED, "clean-from-app", TIMED_OUT))
                .rounds("auth-back", 2, LOCKED.id(), Map.of("clean-button", OK, "scheduled-clean", OK, "clean-from-app", TIMED_OUT))
                .recovered("vacuum-cloud-locked-1", Duration.ofSeconds(30))
                .notRecovered("vacuum-cloud-locked-2", "docked, offline", true)
                .report();
    }
}
