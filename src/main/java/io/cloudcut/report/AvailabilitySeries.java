package io.cloudcut.report;

import io.cloudcut.observation.ProbeObserved;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The share of a model's probes (all its functions, all its devices) that worked, bucket by bucket,
 * by when each probe started; null for a bucket without a probe of the model: nothing was measured.
 */
record AvailabilitySeries(List<Double> x, Map<String, List<Double>> models) {

    static AvailabilitySeries of(List<ProbeObserved> probes, List<String> models, TimeBuckets buckets) {
        Map<String, long[]> ok = new LinkedHashMap<>();
        Map<String, long[]> all = new LinkedHashMap<>();
        models.forEach(model -> {
            ok.put(model, new long[buckets.count()]);
            all.put(model, new long[buckets.count()]);
        });
        for (ProbeObserved probe : probes) {
            long[] counted = all.get(probe.model());
            if (counted != null) {
                int bucket = buckets.index(probe.atMillis());
                counted[bucket]++;
                ok.get(probe.model())[bucket] += probe.ok() ? 1 : 0;
            }
        }
        Map<String, List<Double>> shares = new LinkedHashMap<>();
        all.forEach((model, counted) -> {
            List<Double> share = new ArrayList<>(Collections.nCopies(counted.length, null));
            for (int bucket = 0; bucket < counted.length; bucket++) {
                if (counted[bucket] > 0) {
                    // three decimals are all a chart shows, and keep the page small
                    share.set(bucket, Math.round(1000.0 * ok.get(model)[bucket] / counted[bucket]) / 1000.0);
                }
            }
            shares.put(model, share);
        });
        return new AvailabilitySeries(buckets.startSeconds(), shares);
    }
}
