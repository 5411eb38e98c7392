package io.cloudcut.harness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fleet's connect rate and what this machine carries, from the proxy's counts: no clock, no timing. */
class ConnectRateTest {

    private static final long LOOK_NANOS = 250_000_000;

    private final ConnectRate rate = new ConnectRate();
    private long realNanos;
    private double scenarioNanos;
    private double connects;

    /** The pacer's {@code looks}, each 250 ms of real time on: {@code perScenarioSecond} connects a scenario second at {@code scale}. */
    private ConnectRateTest counted(int looks, double scale, double perScenarioSecond) {
        for (int look = 0; look < looks; look++) {
            realNanos += LOOK_NANOS;
            scenarioNanos += LOOK_NANOS * scale;
            connects += LOOK_NANOS * scale / 1e9 * perScenarioSecond;
            rate.counted(realNanos, (long) scenarioNanos, Math.round(connects));
        }
        return this;
    }

    @Test
    void nothingBoundsTheClockUntilConnectsAreFoundSlow() {
        counted(20, 600, 2);

        assertThat(rate.carriedPerSecond()).isInfinite();
        assertThat(rate.scaleBound()).isInfinite();
    }

    /** At 600x, 2 connects a scenario second are 1,200 a real second: found slow, 600 are carried, and 300x keeps within them. */
    @Test
    void foundSlow_halfTheRealRateJustBeforeIsCarried_andTheClockKeepsTheFleetsRateWithinIt() {
        counted(20, 600, 2).rate.slow();

        assertThat(rate.carriedPerSecond()).isCloseTo(600, within(1.0));
        assertThat(rate.scaleBound()).isCloseTo(300, within(1.0));
    }

    /** The demand is the fleet's, per scenario second: the same whatever the scale the clock ran at while it was counted. */
    @Test
    void theDemandIsMeasuredInScenarioTime_whateverTheScale() {
        counted(8, 600, 2).rate.slow();
        counted(8, 1, 2);

        assertThat(rate.scaleBound()).isCloseTo(300, within(3.0));
    }

    /** Fewer connects than queue up a real second teach nothing: a connect found slow then was slow for something else. */
    @Test
    void aSlowConnectAmongFewLearnsNothing() {
        counted(8, 1, ConnectRate.FEWEST_THAT_QUEUE - 1).rate.slow();

        assertThat(rate.carriedPerSecond()).isInfinite();
    }

    /** What is carried only comes down: a later slow connect at a higher rate does not raise it. */
    @Test
    void theLowestRateFoundSlowIsKept() {
        counted(8, 100, 2).rate.slow();
        counted(8, 600, 2).rate.slow();

        assertThat(rate.carriedPerSecond()).isCloseTo(100, within(1.0));
    }

    /** A fleet that starts no connects is not held back, whatever this machine carries. */
    @Test
    void aFleetStartingNoConnectsIsNotHeldBack() {
        counted(8, 600, 2).rate.slow();
        counted(30, 600, 0);

        assertThat(rate.scaleBound()).as("no connect within the last %s", ConnectRate.DEMAND_OVER).isInfinite();
    }

    /** The bound never asks for slower than real time. */
    @Test
    void theBoundIsRealTimeAtTheLeast() {
        counted(8, 600, 2).rate.slow();
        counted(30, 1, 5_000);

        assertThat(rate.scaleBound()).isEqualTo(1);
    }
}
