package io.cloudcut.comparison;

import io.cloudcut.report.FunctionVerdict;
import io.cloudcut.report.PhaseCounts;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Fisher's exact test, two-sided, against published values, and what it decides for a function's probes. */
class ChanceTest {

    @Test
    void fishersExactTestGivesThePublishedValues() {
        // The lady tasting tea: 3 of 4 against 1 of 4, two-sided 0.486; all against none, 0.0286.
        assertThat(Chance.pValue(3, 4, 1, 4)).isCloseTo(0.4857, within(1e-4));
        assertThat(Chance.pValue(4, 4, 0, 4)).isCloseTo(0.02857, within(1e-5));
        assertThat(Chance.pValue(0, 28, 1, 28)).isCloseTo(1.0, within(1e-9));
        assertThat(Chance.pValue(7, 10, 7, 10)).isCloseTo(1.0, within(1e-9));
        assertThat(Chance.pValue(3, 4, 0, 0)).as("nothing to count in one run").isEqualTo(1);
    }

    /** Where even all against none lies within chance, a move counts: a small fleet's regression must still fail a build. */
    @Test
    void tooFewToTellCountsAsDifferent() {
        assertThat(Chance.canTell(3, 3)).as("all against none, 0.1").isFalse();
        assertThat(Chance.canTell(4, 4)).as("all against none, 0.029").isTrue();
        assertThat(Chance.differ(3, 3, 1, 3)).isTrue();
        assertThat(Chance.differ(3, 3, 3, 3)).as("and the same shares are the same").isFalse();
        assertThat(Chance.canTell(1, 10)).as("1 against 10: 0.09").isFalse();
        assertThat(Chance.canTell(1, 100)).as("1 against 100: 0.0099").isTrue();
    }

    /** From 4 against 4 on, all against none lies beyond chance without summing the tables: so it does, exactly, here. */
    @Test
    void enoughOfEachIsWhereAllAgainstNoneAlwaysLiesBeyondChance() {
        for (long ofWas = Chance.ENOUGH_EACH; ofWas <= 40; ofWas++) {
            for (long ofNow = Chance.ENOUGH_EACH; ofNow <= 40; ofNow++) {
                assertThat(Chance.pValue(ofWas, ofWas, 0, ofNow)).as("%d against %d", ofWas, ofNow).isLessThan(Chance.LEVEL);
            }
        }
        assertThat(Chance.pValue(3, 3, 0, 3)).as("one fewer").isGreaterThan(Chance.LEVEL);
    }

    @Test
    void sharesDifferOnlyPastTheLevel() {
        assertThat(Chance.differ(4, 4, 0, 4)).isTrue();
        assertThat(Chance.differ(2, 4, 0, 4)).isFalse();
        assertThat(Chance.differ(100, 300, 111, 300)).isFalse();
        assertThat(Chance.differ(100, 300, 160, 300)).isTrue();
        assertThat(Chance.differ(14, 28, 15, 28)).isFalse();
        assertThat(Chance.differ(28, 28, 14, 28)).isTrue();
    }

    @Test
    void aFunctionsProbesDifferByTheirShareOrByALatencyPastTheOldRunsResolution() {
        Map<String, Long> resolution = Map.of("cloud", 100L);

        assertThat(Chance.probesDiffer(counts(28, 28, 40), counts(14, 28, 40), "cloud", resolution)).as("half as often").isTrue();
        assertThat(Chance.probesDiffer(counts(28, 28, 40), counts(28, 28, 90), "cloud", resolution)).as("50 ms slower of 100").isFalse();
        assertThat(Chance.probesDiffer(counts(28, 28, 40), counts(28, 28, 600), "cloud", resolution)).as("560 ms slower").isTrue();
        assertThat(Chance.probesDiffer(counts(28, 28, 40), counts(28, 28, 41), "local", resolution)).as("no resolution stated").isTrue();
        assertThat(Chance.probesDiffer(counts(1, 28, 40), counts(0, 28, 0), "cloud", resolution)).as("none worked: no latency").isFalse();
    }

    private static PhaseCounts counts(long ok, long of, long p50) {
        return new PhaseCounts(ok, of - ok, 0, of - ok, 0, 0, p50, p50, FunctionVerdict.KEPT);
    }
}
