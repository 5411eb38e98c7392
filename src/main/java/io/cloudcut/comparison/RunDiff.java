package io.cloudcut.comparison;

import java.util.Comparator;
import java.util.List;

/**
 * What changed between two runs of {@code scenario}: the figures that got worse or better (worse
 * first, each in report order), how many figures compared were unchanged (within their tolerance),
 * the figures that moved by no more than chance gives between two runs of the same code ({@code withinChance}: neither
 * worse nor better, listed so that a reader sees them), notes on what could not be compared (a model in one run only, a
 * fleet of another size) or may be the harness's, and whether the new run's harness was not healthy after its baseline
 * ({@code newRunInDoubt}): what got worse in it may be the harness's, not the devices'.
 */
public record RunDiff(String scenario, List<Change> changes, int unchanged, List<Change> withinChance, List<String> notes,
                      boolean newRunInDoubt) {

    public RunDiff {
        changes = changes.stream().sorted(Comparator.comparing(Change::direction)).toList();
        withinChance = withinChance.stream().sorted(Comparator.comparing(Change::direction)).toList();
        notes = List.copyOf(notes);
    }

    public List<Change> worse() {
        return of(Change.Direction.WORSE);
    }

    public List<Change> better() {
        return of(Change.Direction.BETTER);
    }

    /** Whether some figure got worse: what {@code --fail-on-regression} fails on. */
    public boolean regressed() {
        return !worse().isEmpty();
    }

    /** {@code 2 worse, 1 better, 57 unchanged}, and {@code , 3 within chance} when some moved by no more than chance. */
    public String summary() {
        return worse().size() + " worse, " + better().size() + " better, " + unchanged + " unchanged"
                + (withinChance.isEmpty() ? "" : ", " + withinChance.size() + " within chance");
    }

    private List<Change> of(Change.Direction direction) {
        return changes.stream().filter(change -> change.direction() == direction).toList();
    }
}
