package io.cloudcut.report;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Equal stretches of scenario time from {@code fromMillis}, each {@code widthMillis} long, that the
 * HTML report's charts aggregate into: a chart carries one figure per bucket, however many devices
 * and observations the run had, so the page stays small for a large fleet.
 */
record TimeBuckets(long fromMillis, long widthMillis, int count) {

    /** Widths a reader can take in at a glance: 1 s to 1 day. */
    private static final long[] ROUND_SECONDS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
            10800, 21600, 43200, 86400};

    /**
     * At most {@code most} buckets covering {@code fromMillis} to {@code untilMillis}, each of a round
     * width (the narrowest that keeps to {@code most}).
     */
    static TimeBuckets covering(long fromMillis, long untilMillis, int most) {
        long span = Math.max(1, untilMillis - fromMillis);
        long width = Arrays.stream(ROUND_SECONDS).map(seconds -> seconds * 1000).filter(w -> w * most >= span)
                .findFirst().orElse((span + most - 1) / most);
        return new TimeBuckets(fromMillis, width, (int) ((span + width - 1) / width));
    }

    /** The bucket a moment falls in, clamped to the first and last. */
    int index(long atMillis) {
        long index = (atMillis - fromMillis) / widthMillis;
        return (int) Math.max(0, Math.min(count - 1, index));
    }

    long startMillis(int index) {
        return fromMillis + index * widthMillis;
    }

    /** Where each bucket starts, in scenario seconds: a chart's x values. */
    List<Double> startSeconds() {
        return IntStream.range(0, count).mapToObj(index -> startMillis(index) / 1000.0).toList();
    }
}
