package io.cloudcut.testing;

import io.cloudcut.cli.CloudCutCommand;
import io.cloudcut.observation.HealthObserved;
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

    /**
     * A {@code run} (or another command that measures) that must give verdicts: when the harness says it
     * could not measure (its baseline was not healthy, exit 3), as on a CI machine busy with other forks,
     * it is run once more, as a user would on a quieter moment; the second answer stands. The same when
     * it warns that an event loop stalled long enough to cost a device its connection, or that devices lost their
     * connections with nothing faulted on them: what the devices' connections did may then be the harness's.
     */
    public static CliRun measured(String... args) {
        CliRun first = of(args);
        boolean couldNotMeasure = first.exitCode() == 3 && first.err().contains(COULD_NOT_MEASURE);
        if (!couldNotMeasure && !first.err().contains(HealthObserved.STALLED_PAST_A_CONNECTION)
                && !first.err().contains(HealthObserved.LOST_WITH_NOTHING_FAULTED)) {
            return first;
        }
        System.err.println("the harness could not measure this run; once more:\n" + first.err());
        return of(args);
    }

    /** What {@code run} says when its baseline was not healthy. */
    private static final String COULD_NOT_MEASURE = "the harness could not measure this run";

    /** Both streams, for a failure message: a run's table and expectations are on standard output, its steps on standard error. */
    public String transcript() {
        return "stdout:%n%s%nstderr:%n%s".formatted(out, err);
    }

    /** The lines of standard error that start with {@code error:}. */
    public java.util.List<String> errorLines() {
        return err.lines().filter(line -> line.startsWith("error:")).toList();
    }
}
