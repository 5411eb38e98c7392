package io.cloudcut.report;

import io.cloudcut.observation.ProbeObserved;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The share of a model's probes (all its functions, all its devices) that worked, probe round by
 * probe round, placed at the round's first probe (scenario seconds); null where the model had no
 * round: nothing was measured. By round rather than by time bucket, as the verdict timeline is, so
 * that a round split across two buckets does not read as two rounds with different functions. A
 * recovery phase counts rounds per device: its k-th round gathers each device's k-th.
 */
record AvailabilitySeries(List<Double> x, Map<String, List<Double>> models) {

    private record Round(String phase, int round) {
    }

    /** The rounds of each model, folded as the probes come. */
    static final class Rounds {
        private final Map<String, Map<Round, Tally>> byModel = new LinkedHashMap<>();

        void add(ProbeObserved probe) {
            Tally tally = byModel.computeIfAbsent(probe.model(), model -> new LinkedHashMap<>())
                    .computeIfAbsent(new Round(probe.phase(), probe.round()), round -> new Tally());
            tally.firstMillis = Math.min(tally.firstMillis, probe.atMillis());
            tally.ok += probe.ok() ? 1 : 0;
            tally.all++;
        }

        /** {@code models}: the run's, in report order; a model not among them is left out. */
        AvailabilitySeries series(List<String> models) {
            Map<String, Map<Round, Tally>> shown = new LinkedHashMap<>();
            models.forEach(model -> shown.put(model, byModel.getOrDefault(model, Map.of())));
            return of(shown);
        }
    }

    /** A round's first moment, and its probes: how many worked of how many. */
    private static final class Tally {
        long firstMillis = Long.MAX_VALUE;
        long ok;
        long all;
    }

    private static AvailabilitySeries of(Map<String, Map<Round, Tally>> byModel) {
        TreeSet<Long> times = new TreeSet<>();
        byModel.values().forEach(rounds -> rounds.values().forEach(tally -> times.add(tally.firstMillis)));
        List<Long> x = List.copyOf(times);
        Map<String, List<Double>> shares = new LinkedHashMap<>();
        byModel.forEach((model, rounds) -> {
            List<Double> share = new ArrayList<>(Collections.nCopies(x.size(), null));
            // three decimals are all a chart shows, and keep the page small
            rounds.values().forEach(tally -> share.set(Collections.binarySearch(x, tally.firstMillis),
                    Math.round(1000.0 * tally.ok / tally.all) / 1000.0));
            shares.put(model, share);
        });
        return new AvailabilitySeries(x.stream().map(millis -> millis / 1000.0).toList(), shares);
    }
}
