package io.cloudcut.comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/** The changes found so far and how many figures compared equal; each kind of figure adds to it. */
final class Tally {

    /** Where a figure belongs: "-" where a part does not apply. */
    record Subject(String model, String function, String phase) {

        static Subject of(String model) {
            return new Subject(model, "-", "-");
        }

        Subject function(String name) {
            return new Subject(model, name, phase);
        }

        Subject during(String name) {
            return new Subject(model, function, name);
        }
    }

    private final List<Change> changes = new ArrayList<>();
    /** Figures that moved by no more than chance gives between two runs of the same code ({@link Chance}). */
    private final List<Change> withinChance = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int unchanged;

    /**
     * A rung on a ladder declared from best to worst ({@code ModelVerdict}, {@code FunctionVerdict}).
     * A side without one (not judged in that run) is not compared.
     */
    <E extends Enum<E>> void rung(Subject subject, String figure, E was, E now) {
        rung(subject, figure, was, now, true);
    }

    /**
     * A rung as {@link #rung(Subject, String, Enum, Enum)}, decided by probes that differ ({@code beyondChance}) or not
     * (the other run's rung is as likely from the same devices): a move without is listed apart, neither worse nor better.
     */
    <E extends Enum<E>> void rung(Subject subject, String figure, E was, E now, boolean beyondChance) {
        if (was == null || now == null) {
            return;
        }
        int moved = now.compareTo(was);
        record(subject, figure, moved == 0 ? null : direction(moved > 0), was.name(), now.name(), beyondChance);
    }

    /** A figure where more is worse, unchanged while it moves by {@code tolerance} or less. */
    void figure(Subject subject, String figure, double was, double now, double tolerance, DoubleFunction<String> format) {
        figure(subject, figure, was, now, tolerance, format, true);
    }

    private void figure(Subject subject, String figure, double was, double now, double tolerance, DoubleFunction<String> format,
                        boolean beyondChance) {
        double moved = now - was;
        record(subject, figure, Math.abs(moved) <= tolerance ? null : direction(moved > 0), format.apply(was),
                format.apply(now), beyondChance);
    }

    /** A count where more is worse, as a figure in whole numbers. */
    void count(Subject subject, String figure, long was, long now, double tolerance) {
        count(subject, figure, was, now, tolerance, true);
    }

    /** A count as {@link #count(Subject, String, long, long, double)}, one past its tolerance listed apart without {@code beyondChance}. */
    void count(Subject subject, String figure, long was, long now, double tolerance, boolean beyondChance) {
        figure(subject, figure, was, now, tolerance, count -> String.format("%.0f", count), beyondChance);
    }

    /** A check that passed or failed. */
    void check(Subject subject, String figure, boolean was, boolean now) {
        record(subject, figure, was == now ? null : direction(was), word(was), word(now), true);
    }

    void note(String note) {
        notes.add(note);
    }

    RunDiff diff(String scenario, boolean newRunInDoubt) {
        return new RunDiff(scenario, changes, unchanged, withinChance, notes, newRunInDoubt);
    }

    private void record(Subject subject, String figure, Change.Direction direction, String was, String now,
                        boolean beyondChance) {
        if (direction == null) {
            unchanged++;
        } else {
            (beyondChance ? changes : withinChance)
                    .add(new Change(direction, subject.model(), subject.function(), subject.phase(), was, now, figure));
        }
    }

    private static Change.Direction direction(boolean worse) {
        return worse ? Change.Direction.WORSE : Change.Direction.BETTER;
    }

    private static String word(boolean passed) {
        return passed ? "PASS" : "FAIL";
    }
}
