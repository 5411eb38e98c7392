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

    /** A later slow connect at a higher rate does not raise what is carried: it was slow there too. */
    @Test
    void theLowestRateFoundSlowIsKept() {
        counted(8, 100, 2).rate.slow();
        counted(8, 600, 2).rate.slow();

        assertThat(rate.carriedPerSecond()).isCloseTo(100, within(1.0));
    }

    /**
     * Carried at 600 a real second (300x at 2 a scenario second) and in time for {@link ConnectRate#IN_TIME_FOR}: this
     * machine carries a quarter more, then more again, each after as long in time at the new rate.
     */
    @Test
    void connectsInTimeAtWhatIsCarried_showThisMachineCarriesMore() {
        counted(20, 600, 2).rate.slow();
        long looksInTime = ConnectRate.IN_TIME_FOR.toNanos() / LOOK_NANOS;

        counted((int) looksInTime - 1, 300, 2);
        assertThat(rate.carriedPerSecond()).as("not yet in time for long enough").isCloseTo(600, within(1.0));
        counted(1, 300, 2);
        assertThat(rate.carriedPerSecond()).isCloseTo(600 * ConnectRate.CLIMB, within(1.0));
        assertThat(rate.scaleBound()).as("the clock may run faster").isCloseTo(300 * ConnectRate.CLIMB, within(3.0));

        counted((int) looksInTime, 300 * ConnectRate.CLIMB, 2);
        assertThat(rate.carriedPerSecond()).isCloseTo(600 * ConnectRate.CLIMB * ConnectRate.CLIMB, within(1.0));
    }

    /** A rate the fleet did not reach tested nothing: a fleet starting few connects in time says nothing of many. */
    @Test
    void connectsInTimeBelowWhatIsCarried_showNothingMore() {
        counted(20, 600, 2).rate.slow();

        counted(80, 600 * ConnectRate.TESTED / 2 * 0.99, 2);

        assertThat(rate.carriedPerSecond()).isCloseTo(600, within(1.0));
    }

    /** Connects still slow start the test again: what is carried climbs only once they have been in time for long enough. */
    @Test
    void connectsStillSlow_startTheTestAgain() {
        counted(20, 600, 2).rate.slow();
        long looksInTime = ConnectRate.IN_TIME_FOR.toNanos() / LOOK_NANOS;

        counted((int) looksInTime - 1, 300, 2).rate.stillSlow();
        counted((int) looksInTime - 1, 300, 2);
        assertThat(rate.carriedPerSecond()).isCloseTo(600, within(1.0));
        counted(1, 300, 2);
        assertThat(rate.carriedPerSecond()).isCloseTo(600 * ConnectRate.CLIMB, within(1.0));
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
