package io.cloudcut.cli;

import io.cloudcut.harness.RunResult;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.report.HtmlReportWriter;
import io.cloudcut.report.JUnitXmlWriter;
import io.cloudcut.report.Palette;
import io.cloudcut.report.ReportFiles;
import io.cloudcut.report.RunReport;
import io.cloudcut.report.TerminalTable;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a finished run comes to on the command line, the same for {@code run} and for {@code report}
 * reading it back: no verdicts when the harness's baseline was not healthy (only a {@code junit.xml} that says so), otherwise the verdict
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
            if (reportDir != null) {
                writeRefused(result, reportDir, err);
            }
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
                Path written = ReportFiles.write(report, result.observed(), reportDir);
                err.println("report: " + written + " (and " + JUnitXmlWriter.FILE_NAME + ", " + HtmlReportWriter.FILE_NAME + ")");
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

    /** A run without verdicts still tells a CI server so ({@link ReportFiles#writeRefused}). */
    private static void writeRefused(RunResult result, Path reportDir, PrintWriter err) {
        try {
            Path junit = ReportFiles.writeRefused(result.report(), reportDir);
            err.println("report: " + junit + " (no verdicts: its expectations are errors)");
        } catch (IllegalArgumentException cutShort) {
            err.println("error: no " + JUnitXmlWriter.FILE_NAME + " either: " + cutShort.getMessage());
        } catch (IOException unwritable) {
            err.println("error: cannot write " + JUnitXmlWriter.FILE_NAME + " into " + reportDir + ": " + unwritable.getMessage());
        }
    }
}
