package io.cloudcut.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's files in its report directory, the same from the command line and from the JUnit extension:
 * {@code report.json}, {@code junit.xml} and {@code report.html}; for a run without verdicts, only a
 * {@code junit.xml} that says why.
 */
public final class ReportFiles {

    private ReportFiles() {
    }

    /** Writes report.json, junit.xml and report.html from the report and what the run observed; returns report.json. */
    public static Path write(RunReport report, RunFold observed, Path directory) throws IOException {
        Path json = new JsonReportWriter().write(report, directory);
        new JUnitXmlWriter().write(report, directory);
        new HtmlReportWriter().write(report, observed, directory);
        return json;
    }

    /**
     * A run whose baseline was not healthy: a {@code junit.xml} whose harness case and expectations are errors saying
     * why, so that a CI server shows it; and no {@code report.json} or {@code report.html} of an earlier run in the
     * directory, which a CI server or {@code cloudcut diff} would take for this one's. Returns junit.xml.
     */
    public static Path writeRefused(RunReport report, Path directory) throws IOException {
        Files.deleteIfExists(directory.resolve(JsonReportWriter.FILE_NAME));
        Files.deleteIfExists(directory.resolve(HtmlReportWriter.FILE_NAME));
        return new JUnitXmlWriter().write(report, directory);
    }
}
