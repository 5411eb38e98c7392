package io.cloudcut.report;

import java.util.List;

/** Nearest-rank percentiles: always a value that was measured, never an interpolation between two. */
final class Percentiles {

    private Percentiles() {
    }

    /** The {@code percent}th percentile of sorted values, {@code empty} when there are none. */
    static <T> T nearestRank(List<T> sorted, int percent, T empty) {
        if (sorted.isEmpty()) {
            return empty;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
    }
}
