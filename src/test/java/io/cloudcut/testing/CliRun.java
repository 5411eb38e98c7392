package io.cloudcut.testing;

import io.cloudcut.cli.CloudCutCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code cloudcut} command line in-process and keeps what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = CloudCutCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** The lines of standard error that start with {@code error:}. */
    public java.util.List<String> errorLines() {
        return err.lines().filter(line -> line.startsWith("error:")).toList();
    }
}
