package io.cloudcut.report;

import java.util.List;
import java.util.Objects;

/**
 * How many devices recovered within each stretch of time after the outage ended (scenario seconds,
 * buckets of {@code bucketSeconds} starting at {@code x}), and how many were not back by the end.
 */
record RecoveryHistogram(double bucketSeconds, List<Double> x, int[] devices, int notBack) {

    /** Buckets the run's recovered devices fill: at most this many, of a round width. */
    private static final int MOST_BUCKETS = 24;

    static RecoveryHistogram of(List<RecoveryReport> recoveries) {
        List<Double> after = recoveries.stream().flatMap(recovery -> recovery.devices().stream())
                .map(RecoveryReport.DeviceRecovery::afterSeconds).filter(Objects::nonNull).toList();
        int notBack = recoveries.stream().mapToInt(recovery -> recovery.notBack().size()).sum();
        long longest = after.stream().mapToLong(seconds -> (long) Math.ceil(seconds * 1000)).max().orElse(0);
        TimeBuckets buckets = TimeBuckets.covering(0, longest + 1, MOST_BUCKETS);
        int[] devices = new int[buckets.count()];
        after.forEach(seconds -> devices[buckets.index(Math.round(seconds * 1000))]++);
        return new RecoveryHistogram(buckets.widthMillis() / 1000.0, buckets.startSeconds(), devices, notBack);
    }
}
