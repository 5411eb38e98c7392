package io.cloudcut.report;

import io.cloudcut.scenario.FunctionRole;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One function in one phase against its baseline: KEPT, DEGRADED or LOST. */
class FunctionVerdictsTest {

    /** A quiet baseline: 6 of 6 worked, median 20 ms, 95th percentile 25 ms. */
    private static final PhaseCounts QUIET = latencies(20, 25);
    /** A loaded baseline: the same median, but a 95th percentile of 400 ms. */
    private static final PhaseCounts LOADED = latencies(20, 400);

    @Test
    void aFunctionThatNeverWorkedInTheOutageIsLost() {
        assertThat(judge(QUIET, outage(0, 6, 0))).isEqualTo(FunctionVerdict.LOST);
    }

    @Test
    void aFunctionThatWorkedAsOftenAndAsFastIsKept() {
        assertThat(judge(QUIET, outage(6, 0, 30))).isEqualTo(FunctionVerdict.KEPT);
    }

    @Test
    void sometimesIsDegraded() {
        assertThat(judge(QUIET, outage(3, 3, 20))).isEqualTo(FunctionVerdict.DEGRADED);
    }

    @Test
    void theLatencySlackIsTheBaselinesJitterWithAFloor() {
        assertThat(FunctionVerdicts.slackMillis(QUIET)).as("a quiet baseline gets the floor")
                .isEqualTo(FunctionVerdicts.MIN_SLACK_MILLIS);
        assertThat(FunctionVerdicts.slackMillis(LOADED)).as("twice the spread from median to p95").isEqualTo(760);
        // The bound: 3 x 20 ms + slack.
        assertThat(judge(QUIET, outage(6, 0, 110))).isEqualTo(FunctionVerdict.KEPT);
        assertThat(judge(QUIET, outage(6, 0, 111))).isEqualTo(FunctionVerdict.DEGRADED);
    }

    @Test
    void aMachineAlreadyLoadedInTheBaselineDoesNotTurnKeptIntoDegradedButAReallySlowCloudStillShows() {
        assertThat(judge(QUIET, outage(6, 0, 300))).isEqualTo(FunctionVerdict.DEGRADED);
        assertThat(judge(LOADED, outage(6, 0, 300))).isEqualTo(FunctionVerdict.KEPT);
        assertThat(judge(LOADED, outage(6, 0, 1500))).isEqualTo(FunctionVerdict.DEGRADED);
    }

    /** A worker's longest stall, which the probes do not carry, adds to the slack: a probe through it took its own time and the stall. */
    @Test
    void aWorkersStallAddsItsLengthToTheSlack() {
        PhaseCounts slowedByAStall = outage(6, 0, 200);

        // The bound: 3 x 20 ms + the 50 ms slack + the stall.
        assertThat(FunctionVerdicts.judge(FunctionRole.PRIMARY, QUIET, slowedByAStall, 0)).isEqualTo(FunctionVerdict.DEGRADED);
        assertThat(FunctionVerdicts.judge(FunctionRole.PRIMARY, QUIET, slowedByAStall, 90)).isEqualTo(FunctionVerdict.KEPT);
        assertThat(FunctionVerdicts.judge(FunctionRole.PRIMARY, QUIET, slowedByAStall, 89)).isEqualTo(FunctionVerdict.DEGRADED);
        assertThat(FunctionVerdicts.judge(FunctionRole.PRIMARY, LOADED, outage(6, 0, 1500), 10))
                .as("a short stall adds a little to a loaded baseline's wide slack").isEqualTo(FunctionVerdict.DEGRADED);
        assertThat(FunctionVerdicts.judge(FunctionRole.PRIMARY, LOADED, outage(6, 0, 1500), 700))
                .isEqualTo(FunctionVerdict.KEPT);
    }

    /** The slowdown the terminal says a baseline hides is the rule's own boundary: one millisecond more reads DEGRADED. */
    @Test
    void theSlowdownABaselineHidesIsWhereKeptEnds() {
        for (PhaseCounts baseline : new PhaseCounts[]{QUIET, LOADED}) {
            long hidden = FunctionVerdicts.slowdownHidden(baseline);
            long median = baseline.p50LatencyMillis();
            assertThat(judge(baseline, outage(6, 0, median + hidden))).as("%s", baseline).isEqualTo(FunctionVerdict.KEPT);
            assertThat(judge(baseline, outage(6, 0, median + hidden + 1))).as("%s", baseline).isEqualTo(FunctionVerdict.DEGRADED);
        }
        assertThat(FunctionVerdicts.slowdownHidden(LOADED)).as("2 x 20 ms + twice the spread of 380 ms").isEqualTo(800);
    }

    @Test
    void aSecurityFunctionThatRefusesStillProtects() {
        PhaseCounts refusedEveryTime = new PhaseCounts(0, 6, 6, 0, 0, 0, 0, 0, null);
        PhaseCounts unprotected = new PhaseCounts(0, 6, 0, 0, 0, 6, 0, 0, null);

        assertThat(FunctionVerdicts.judge(FunctionRole.SECURITY, QUIET, refusedEveryTime, 0)).isEqualTo(FunctionVerdict.KEPT);
        assertThat(FunctionVerdicts.judge(FunctionRole.PRIMARY, QUIET, refusedEveryTime, 0)).isEqualTo(FunctionVerdict.LOST);
        assertThat(FunctionVerdicts.judge(FunctionRole.SECURITY, QUIET, unprotected, 0)).isEqualTo(FunctionVerdict.LOST);
    }

    private static FunctionVerdict judge(PhaseCounts baseline, PhaseCounts outage) {
        return FunctionVerdicts.judge(FunctionRole.PRIMARY, baseline, outage, 0);
    }

    private static PhaseCounts latencies(long p50, long p95) {
        return new PhaseCounts(6, 0, 0, 0, 0, 0, p50, p95, null);
    }

    private static PhaseCounts outage(long ok, long timedOut, long p50) {
        return new PhaseCounts(ok, timedOut, 0, 0, timedOut, 0, p50, p50, null);
    }
}
