package io.cloudcut.report;

import io.cloudcut.observation.ConnectionObserved;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many devices had their MQTT connection up, per model and in all, bucket by bucket. A bucket
 * holds the fewest that were connected at any moment in it, so that a drop shorter than a bucket
 * still shows: the chart is there to show who was cut off.
 */
record ConnectedSeries(List<Double> x, Map<String, int[]> models, int[] total) {

    /** {@code models}: the run's models in report order, so that one never seen connected still has its line. */
    static ConnectedSeries of(List<ConnectionObserved> changes, List<String> models, TimeBuckets buckets) {
        Map<String, Counter> byModel = new LinkedHashMap<>();
        models.forEach(model -> byModel.put(model, new Counter(buckets.count())));
        Counter total = new Counter(buckets.count());
        List<ConnectionObserved> inOrder = changes.stream()
                .sorted(Comparator.comparingLong(ConnectionObserved::atMillis)).toList();
        int next = 0;
        for (int bucket = 0; bucket < buckets.count(); bucket++) {
            long end = buckets.startMillis(bucket + 1);
            for (Counter counter : byModel.values()) {
                counter.open(bucket);
            }
            total.open(bucket);
            // the last bucket takes whatever comes after it too (observations at the very end of the run)
            while (next < inOrder.size() && (inOrder.get(next).atMillis() < end || bucket == buckets.count() - 1)) {
                ConnectionObserved change = inOrder.get(next++);
                Counter model = byModel.get(change.model());
                if (model != null) {
                    model.apply(change, bucket);
                }
                total.apply(change, bucket);
            }
        }
        Map<String, int[]> series = new LinkedHashMap<>();
        byModel.forEach((model, counter) -> series.put(model, counter.fewest));
        return new ConnectedSeries(buckets.startSeconds(), series, total.fewest);
    }

    /** The devices connected now, and the fewest per bucket. */
    private static final class Counter {
        private final Set<String> connected = new HashSet<>();
        private final int[] fewest;

        Counter(int buckets) {
            fewest = new int[buckets];
        }

        /** A bucket starts with the devices connected when it starts. */
        void open(int bucket) {
            fewest[bucket] = connected.size();
        }

        void apply(ConnectionObserved change, int bucket) {
            if (change.change() == ConnectionObserved.Change.UP) {
                connected.add(change.device());
            } else {
                connected.remove(change.device());
            }
            fewest[bucket] = Math.min(fewest[bucket], connected.size());
        }
    }
}
