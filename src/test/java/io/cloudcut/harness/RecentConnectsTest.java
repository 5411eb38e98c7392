package io.cloudcut.harness;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RecentConnectsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theLongestIsKeptForOneToTwoPeriods_thenForgotten() {
        RecentConnects recent = new RecentConnects(Duration.ofSeconds(1), 0);
        assertThat(recent.longestNanos(0)).as("none heard of").isZero();

        recent.heard(Duration.ofMillis(300), SECOND / 2);
        recent.heard(Duration.ofMillis(100), SECOND / 2 + 1);
        assertThat(recent.longestNanos(SECOND / 2)).isEqualTo(Duration.ofMillis(300).toNanos());
        assertThat(recent.longestNanos(SECOND + SECOND / 2)).as("the period after").isEqualTo(Duration.ofMillis(300).toNanos());
        assertThat(recent.longestNanos(2 * SECOND)).as("forgotten two periods on").isZero();
    }

    @Test
    void aShorterOneHeardLaterOutlivesALongerOne() {
        RecentConnects recent = new RecentConnects(Duration.ofSeconds(1), 0);
        recent.heard(Duration.ofMillis(300), SECOND / 2);
        recent.heard(Duration.ofMillis(100), SECOND + SECOND / 2);
        assertThat(recent.longestNanos(SECOND + SECOND / 2)).isEqualTo(Duration.ofMillis(300).toNanos());
        assertThat(recent.longestNanos(2 * SECOND + SECOND / 2)).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(recent.longestNanos(5 * SECOND)).as("after a silence of several periods").isZero();
        recent.heard(Duration.ofMillis(50), 5 * SECOND);
        assertThat(recent.longestNanos(5 * SECOND)).isEqualTo(Duration.ofMillis(50).toNanos());
    }
}
