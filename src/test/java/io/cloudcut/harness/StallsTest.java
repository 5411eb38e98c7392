package io.cloudcut.harness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How long the loop stalled longest between two instants was stalled, as a probe in flight then reads it. Each stall is
 * made by a sampler running late by a known amount, and its length read back from what the sampler was told (a busy
 * machine may stretch it between two lines of the test).
 */
class StallsTest {

    private static final long MS = 1_000_000L;
    private static final long HOUR = 3_600_000 * MS;

    private final Stalls stalls = new Stalls();

    @Test
    void aStallRecordedCountsWhereItOverlapsTheStretch() {
        Stall stall = stalledFor(200);

        long now = System.nanoTime();
        assertThat(stalls.millisBetween(stall.fromNanos - 100 * MS, now)).isEqualTo(stall.millis());
        assertThat(stalls.millisBetween(stall.fromNanos + 50 * MS, stall.fromNanos + 150 * MS)).isEqualTo(100);
        assertThat(stalls.millisBetween(stall.fromNanos - 100 * MS, stall.fromNanos)).as("before it").isZero();
        assertThat(stalls.millisBetween(now + MS, now + 100 * MS)).as("after it").isZero();
    }

    @Test
    void loopsStalledTogetherCountOnce() {
        Stall first = stalledFor(200);
        Stall second = stalledFor(150);

        assertThat(stalls.millisBetween(first.fromNanos - 100 * MS, System.nanoTime()))
                .isEqualTo(Math.max(first.millis(), second.millis()));
    }

    /** A probe does not pass through every loop: two loops' stalls apart count as the longer, not as their sum. */
    @Test
    void stallsOfTwoLoopsApartCountAsTheLonger() {
        Stall first = stalledFor(100);
        long firstEnded = first.fromNanos + first.lateNanos;
        stalls.watch(firstEnded + 15 * MS);
        long until = firstEnded + 40 * MS;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        long now = System.nanoTime();
        long secondMillis = (now - firstEnded - 15 * MS) / MS;
        assumeTrue(secondMillis < first.millis(), "the machine held this test past the first stall's length");

        assertThat(stalls.millisBetween(first.fromNanos - 100 * MS, now)).as("the second stalled %d ms", secondMillis)
                .isEqualTo(first.millis());
    }

    @Test
    void aLoopLateNowIsStalledUntilNow_andOneForgottenIsNot() {
        long now = System.nanoTime();
        Stalls.Loop late = stalls.watch(now - 150 * MS);

        long until = System.nanoTime();
        assertThat(stalls.millisBetween(now - 200 * MS, until)).isEqualTo((until - (now - 150 * MS)) / MS);

        stalls.forget(late);
        assertThat(stalls.millisBetween(now - 200 * MS, System.nanoTime())).isZero();
    }

    @Test
    void delaysShorterThanAStallAreTheLoopsJitter() {
        long from = System.nanoTime();
        long late = stalls.ran(stalls.watch(from - Stalls.SHORTEST_NANOS / 10), HOUR);
        assumeTrue(late < Stalls.SHORTEST_NANOS, "the machine held this test past a stall's length");

        assertThat(stalls.millisBetween(from - 100 * MS, System.nanoTime())).isZero();
    }

    /** A loop whose sampler was due {@code millis} ago runs now, and next in an hour. */
    private Stall stalledFor(long millis) {
        long due = System.nanoTime() - millis * MS;
        return new Stall(due, stalls.ran(stalls.watch(due), HOUR));
    }

    private record Stall(long fromNanos, long lateNanos) {
        long millis() {
            return lateNanos / MS;
        }
    }
}
