package io.cloudcut.harness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How long the loop stalled longest between two instants was stalled, as a probe in flight then reads it. */
class StallsTest {

    private static final long MS = 1_000_000L;
    private static final long HOUR = 3_600_000 * MS;

    private final Stalls stalls = new Stalls();

    @Test
    void aStallRecordedCountsWhereItOverlapsTheStretch() {
        long stalledFrom = stalledFor(200);

        long now = System.nanoTime();
        assertThat(stalls.millisBetween(stalledFrom - 100 * MS, now)).isBetween(200L, 210L);
        assertThat(stalls.millisBetween(stalledFrom + 50 * MS, stalledFrom + 150 * MS)).isEqualTo(100);
        assertThat(stalls.millisBetween(stalledFrom - 100 * MS, stalledFrom)).as("before it").isZero();
        assertThat(stalls.millisBetween(now + MS, now + 100 * MS)).as("after it").isZero();
    }

    @Test
    void loopsStalledTogetherCountOnce() {
        long first = stalledFor(200);
        stalledFor(150);

        assertThat(stalls.millisBetween(first - 100 * MS, System.nanoTime())).isBetween(200L, 210L);
    }

    /** A probe does not pass through every loop: two loops' stalls apart count as the longer, not as their sum. */
    @Test
    void stallsOfTwoLoopsApartCountAsTheLonger() {
        long first = stalledFor(100);
        long firstRecorded = first + 100 * MS;
        stalls.watch(firstRecorded + 15 * MS);
        long until = firstRecorded + 40 * MS;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }

        assertThat(stalls.millisBetween(first - 100 * MS, System.nanoTime())).isBetween(100L, 110L);
    }

    @Test
    void aLoopLateNowIsStalledUntilNow_andOneForgottenIsNot() {
        long now = System.nanoTime();
        Stalls.Loop late = stalls.watch(now - 150 * MS);

        assertThat(stalls.millisBetween(now - 200 * MS, System.nanoTime())).isBetween(150L, 160L);

        stalls.forget(late);
        assertThat(stalls.millisBetween(now - 200 * MS, System.nanoTime())).isZero();
    }

    @Test
    void delaysShorterThanAStallAreTheLoopsJitter() {
        long from = System.nanoTime();
        Stalls.Loop loop = stalls.watch(from - Stalls.SHORTEST_NANOS / 2);
        stalls.ran(loop, System.nanoTime() + HOUR);

        assertThat(stalls.millisBetween(from - 100 * MS, System.nanoTime())).isZero();
    }

    /** A loop whose sampler runs now, {@code millis} after it was due, and next in an hour: it returns when the stall began. */
    private long stalledFor(long millis) {
        long due = System.nanoTime() - millis * MS;
        stalls.ran(stalls.watch(due), System.nanoTime() + HOUR);
        return due;
    }
}
