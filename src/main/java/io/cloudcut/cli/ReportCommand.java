package io.cloudcut.cli;

import io.cloudcut.harness.RunResult;
import io.cloudcut.report.ObservationStream;
import io.cloudcut.report.ObservationsException;
import io.cloudcut.report.ObservationsReader;
import io.cloudcut.report.RunFold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code cloudcut report DIR}: every output of a finished run again, from its observations alone. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Recomputes every output of a finished run from its observations (DIR/observations.jsonl, "
                + "written by run --report-dir DIR): prints the verdict matrix and the expectations, and writes "
                + "report.json, junit.xml and report.html.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            CloudCutCommand.EXIT_OK + ":every expectation met (or none stated)",
            CloudCutCommand.EXIT_EXPECTATION_FAILED + ":an expectation failed",
            CloudCutCommand.EXIT_BAD_INPUT + ":bad input or usage (file:line: problem: the observations missing, cut short or corrupt)",
            CloudCutCommand.EXIT_INFRASTRUCTURE + ":the run's baseline was not healthy (no verdicts), an expectation failed while the harness was not healthy later in the run, the run was interrupted, or the report could not be written"})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The report directory of a run (run --report-dir DIR).")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "Write report.json, junit.xml and report.html into DIR (default: the run's DIR).")
    Path out;

    @Mixin
    TerminalOptions terminal;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        RunFold observed = new RunFold();
        try {
            ObservationsReader.read(dir.resolve(ObservationStream.FILE_NAME), observed);
        } catch (ObservationsException bad) {
            err.println("error: " + bad.getMessage());
            err.flush();
            return CloudCutCommand.EXIT_BAD_INPUT;
        }
        return RunOutputs.emit(new RunResult(observed), out != null ? out : dir, terminal.palette(),
                spec.commandLine().getOut(), err);
    }
}
