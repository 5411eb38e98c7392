package io.cloudcut.comparison;

import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.RunReport;

/** The scenario's expectations, matched by their words: one that failed now and passed before is worse. */
final class ExpectationFigures {

    private static final Tally.Subject FLEET = Tally.Subject.of("-");

    private ExpectationFigures() {
    }

    static void compare(RunReport was, RunReport now, Tally tally) {
        for (ExpectationResult before : was.expectations()) {
            now.expectations().stream().filter(after -> after.expectation().equals(before.expectation())).findFirst()
                    .ifPresentOrElse(after -> tally.check(FLEET, "expectation: " + before.expectation(), before.met(),
                                    after.met()),
                            () -> tally.note("expectation only in the old run: " + before.expectation()));
        }
    }
}
