package io.cloudcut.scenario;

import java.nio.file.Path;

/**
 * Bad input in a scenario, device model or cloud file. Its message is one line that names the file,
 * the line, the column and the field, so that an editor can jump to it:
 * {@code scenarios/x.yaml:12:7: fleet[1].model: unknown device model 'robo' (known: a, b)}.
 */
public final class ScenarioException extends Exception {

    private final Path file;
    private final int line;
    private final int column;
    private final String field;

    public ScenarioException(Path file, int line, int column, String field, String problem) {
        super(format(file, line, column, field, problem));
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String field() {
        return field;
    }

    /** {@code file:line:column: field: problem}, leaving out what is not known. */
    static String format(Path file, int line, int column, String field, String problem) {
        StringBuilder text = new StringBuilder();
        if (file != null) {
            text.append(file);
            if (line > 0) {
                text.append(':').append(line);
                if (column > 0) {
                    text.append(':').append(column);
                }
            }
            text.append(": ");
        }
        if (field != null && !field.isEmpty()) {
            text.append(field).append(": ");
        }
        return text.append(problem.replaceAll("\\R", " ")).toString();
    }
}
