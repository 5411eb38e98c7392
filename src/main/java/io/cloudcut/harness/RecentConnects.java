package io.cloudcut.harness;

import java.time.Duration;

/**
 * The longest real time a connect with nothing faulted on it took, or has waited so far, of those heard of lately:
 * within one to two {@code kept} periods (two periods in turn, the older one dropped as a third begins). A storm's
 * connects come in waves as the devices' backoffs run out; a wave's delay is still remembered when the next begins.
 */
final class RecentConnects {

    private final long keptNanos;
    private long periodStartNanos;
    private long longestThisPeriod;
    private long longestLastPeriod;

    RecentConnects(Duration kept, long nowNanos) {
        this.keptNanos = kept.toNanos();
        this.periodStartNanos = nowNanos;
    }

    void heard(Duration took, long nowNanos) {
        turn(nowNanos);
        longestThisPeriod = Math.max(longestThisPeriod, took.toNanos());
    }

    /** The longest heard of within the last one to two periods; zero when none was. */
    long longestNanos(long nowNanos) {
        turn(nowNanos);
        return Math.max(longestThisPeriod, longestLastPeriod);
    }

    private void turn(long nowNanos) {
        long periods = (nowNanos - periodStartNanos) / keptNanos;
        if (periods <= 0) {
            return;
        }
        longestLastPeriod = periods == 1 ? longestThisPeriod : 0;
        longestThisPeriod = 0;
        periodStartNanos += periods * keptNanos;
    }
}
