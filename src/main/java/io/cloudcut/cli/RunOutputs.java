package io.cloudcut.cli;

import io.cloudcut.harness.RunResult;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.report.HtmlReportWriter;
import io.cloudcut.report.JUnitXmlWriter;
import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.Palette;
import io.cloudcut.report.RunReport;
import io.cloudcut.report.TerminalTable;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a finished run comes to on the command line, the same for {@code run} and for {@code report}
 * reading it back: no verdicts when the harness's baseline was not healthy, otherwise the verdict
 * matrix and the expectations on standard output, {@code report.json}, {@code junit.xml} and
 * {@code report.html} in the report directory, and an exit code by the expectations (or 3 for a
 * run that was interrupted: its report covers only what it observed; and 3 for an expectation that
 * failed while the harness was not healthy later in the run: the failure may be the harness's).
 */
final class RunOutputs {

    private RunOutputs() {
    }

    /**
     * Prints the run's outputs (verdict words in {@code palette}), writes them ({@code reportDir} may be
     * null: none written) and returns the exit code.
     */
    static int emit(RunResult result, Path reportDir, Palette palette, PrintWriter out, PrintWriter err) {
        Optional<HealthObserved> baseline = result.health(HealthObserved.Window.BASELINE);
        if (baseline.isPresent() && !baseline.get().healthy()) {
            err.println("error: no verdicts: the harness could not measure this run (its baseline was not healthy):");
            baseline.get().problems().forEach(problem -> err.println("  - " + problem));
            err.flush();
            return CloudCutCommand.EXIT_INFRASTRUCTURE;
        }
        Optional<HealthObserved> run = result.health(HealthObserved.Window.RUN).filter(health -> !health.healthy());
        run.ifPresent(health -> health.problems().forEach(problem -> err.println("warning: later in the run " + problem)));
        RunReport report = result.report();
        out.println();
        out.print(TerminalTable.render(report, palette));
        out.flush();
        if (reportDir != null) {
            try {
                Path written = new JsonReportWriter().write(report, reportDir);
                Path junit = new JUnitXmlWriter().write(report, reportDir);
                Path html = new HtmlReportWriter().write(report, result.observed(), reportDir);
                err.println("report: " + written + " (and " + junit.getFileName() + ", " + html.getFileName() + ")");
            } catch (IOException unwritable) {
                err.println("error: cannot write the report into " + reportDir + ": " + unwritable.getMessage());
                return CloudCutCommand.EXIT_INFRASTRUCTURE;
            } finally {
                err.flush();
            }
        }
        if (report.interrupted()) {
            return CloudCutCommand.EXIT_INFRASTRUCTURE;
        }
        if (!report.expectationsMet() && run.isPresent()) {
            err.println("error: an expectation failed while the harness was not healthy (the warnings above): the"
                    + " failure may be the harness's, not the devices'; run again with a smaller fleet or a slower clock");
            err.flush();
            return CloudCutCommand.EXIT_INFRASTRUCTURE;
        }
        return report.expectationsMet() ? CloudCutCommand.EXIT_OK : CloudCutCommand.EXIT_EXPECTATION_FAILED;
    }
}
