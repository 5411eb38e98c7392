package io.cloudcut.report;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a run's report in one format into a report directory. */
public interface ReportWriter {

    /** Writes the report and returns the file written. */
    Path write(RunReport report, Path directory) throws IOException;
}
