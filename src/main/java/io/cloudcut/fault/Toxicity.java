package io.cloudcut.fault;

import java.util.SplittableRandom;

/**
 * The share of connections a fault acts on, as Toxiproxy's toxicity: each connection is drawn in or
 * out once, from the {@code seed} and its number on the link alone, so that the same seed picks the
 * same connections on every run, whatever the order in which they are judged.
 */
public record Toxicity(double share, long seed) {

    public static final Toxicity EVERY = new Toxicity(1, 0);

    public Toxicity {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("Field 'toxicity' must be from 0 to 1, got " + share);
        }
    }

    boolean draws(long connectionNumber) {
        return share >= 1 || new SplittableRandom(seed ^ connectionNumber * 0x9E3779B97F4A7C15L).nextDouble() < share;
    }
}
