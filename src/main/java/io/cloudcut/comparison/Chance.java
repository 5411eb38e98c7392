package io.cloudcut.comparison;

import io.cloudcut.report.PhaseCounts;
import org.apache.commons.math3.distribution.HypergeometricDistribution;

import java.util.Map;

/**
 * Whether two runs' shares differ by more than chance gives: the share of a function's probes that worked in a phase, the
 * share of a model's events lost. Two runs of the same scenario on the same code differ by the luck of where rounds fall
 * and what is in flight when a service goes down; on 15 devices of {@code kinesis-2020}, three runs in a row compared
 * pairwise failed {@code diff --fail-on-regression} twice (a cloud-chime doorbell's phase read worse once both its chimes
 * met the throttle in one round; 48 against 58 events lost of about 1,300). Fisher's exact test, two-sided: the chance
 * that shares at least this far apart come from one share, under {@link #LEVEL}, counts as a change.
 */
final class Chance {

    /** The chance below which two shares count as different. */
    static final double LEVEL = 0.05;
    /** As many of each as always lets all against none lie beyond {@link #LEVEL}. */
    static final int ENOUGH_EACH = 4;
    /** Tables as likely as the observed one, to this relative precision, count with it. */
    private static final double AS_LIKELY = 1 + 1e-7;

    private Chance() {
    }

    /**
     * Whether {@code hitsWas} of {@code ofWas} and {@code hitsNow} of {@code ofNow} differ by more than chance, or are too
     * few to tell: where even all against none would be within chance (3 probes against 3), a move counts, as a
     * regression must be caught on a small fleet too. The same share does not differ.
     */
    static boolean differ(long hitsWas, long ofWas, long hitsNow, long ofNow) {
        if (hitsWas * ofNow == hitsNow * ofWas) {
            return false;
        }
        return !canTell(ofWas, ofNow) || pValue(hitsWas, ofWas, hitsNow, ofNow) < LEVEL;
    }

    /**
     * Whether {@code ofWas} and {@code ofNow} are enough for all against none to lie beyond chance. From 4 against 4 on it
     * always does (0.029, and less with more): asked there, the test would sum over every table of a run's events.
     */
    static boolean canTell(long ofWas, long ofNow) {
        if (Math.min(ofWas, ofNow) >= ENOUGH_EACH) {
            return true;
        }
        return ofWas > 0 && ofNow > 0 && pValue(ofWas, ofWas, 0, ofNow) < LEVEL;
    }

    /**
     * Whether a function's probes in a phase differ between the runs by more than chance: the share that worked, or, where
     * both worked at all, their median latency by more than the old run's resolution for the function's path (how much
     * slower a function had to get to read DEGRADED, {@code slowdownHiddenMillis}: within it, a verdict that moved was
     * moved by the baselines). A path without a resolution counts any move of the verdict.
     */
    static boolean probesDiffer(PhaseCounts was, PhaseCounts now, String path, Map<String, Long> latencyResolutionMillis) {
        if (differ(was.ok(), was.total(), now.ok(), now.total())) {
            return true;
        }
        if (was.ok() == 0 || now.ok() == 0) {
            return false;
        }
        Long resolution = latencyResolutionMillis.get(path);
        return resolution == null || Math.abs(now.p50LatencyMillis() - was.p50LatencyMillis()) > resolution;
    }

    /** Fisher's exact test, two-sided; 1 when either run has nothing to count. */
    static double pValue(long hitsWas, long ofWas, long hitsNow, long ofNow) {
        if (ofWas <= 0 || ofNow <= 0) {
            return 1;
        }
        int population = Math.toIntExact(ofWas + ofNow);
        int hits = Math.toIntExact(hitsWas + hitsNow);
        HypergeometricDistribution tables = new HypergeometricDistribution(null, population, hits, Math.toIntExact(ofWas));
        double observed = tables.probability(Math.toIntExact(hitsWas)) * AS_LIKELY;
        double p = 0;
        for (int k = tables.getSupportLowerBound(); k <= tables.getSupportUpperBound(); k++) {
            double probability = tables.probability(k);
            if (probability <= observed) {
                p += probability;
            }
        }
        return Math.min(1, p);
    }
}
