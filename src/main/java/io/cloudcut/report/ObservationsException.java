package io.cloudcut.report;

import java.nio.file.Path;

/**
 * An {@code observations.jsonl} that is not a whole run's stream: missing, cut short or corrupt. Its
 * message names the file and the line, as {@code DIR/observations.jsonl:812: not a JSON object}.
 */
public final class ObservationsException extends Exception {

    private final Path file;
    private final int line;

    ObservationsException(Path file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** The line at fault, from 1; 0 when the file itself could not be read. */
    public int line() {
        return line;
    }
}
