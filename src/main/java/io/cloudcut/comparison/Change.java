package io.cloudcut.comparison;

/**
 * One figure that differs between two runs beyond its tolerance: whether it got worse or better,
 * whose figure it is ({@code model}, {@code function} and {@code phase}, each "-" where it does not
 * apply: a model's headline verdict is over the whole outage), what it was and what it is now, as
 * the reports word them, and what the figure is ({@code function verdict},
 * {@code recovery p95 (tolerance 15m)}, an expectation in words).
 */
public record Change(Direction direction, String model, String function, String phase, String was, String now,
                     String figure) {

    /** Worse or better; declared worse first, the order in which changes are listed. */
    public enum Direction {
        WORSE,
        BETTER
    }
}
