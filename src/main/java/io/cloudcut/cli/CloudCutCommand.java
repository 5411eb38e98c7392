package io.cloudcut.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cloudcut}: the command line. Exit codes: 0 done (a run met every expectation of its
 * scenario, or it stated none), 1 an expectation failed (or, for {@code diff --fail-on-regression},
 * a figure got worse), 2 bad input or usage, 3 the infrastructure failed or the harness could not
 * measure (an unhealthy baseline: no verdicts).
 */
@Command(name = "cloudcut", mixinStandardHelpOptions = true, version = "cloudcut 0.1.0",
        description = "Cuts the cloud under an emulated IoT fleet and measures which devices keep working.",
        subcommands = {RunCommand.class, ReportCommand.class, DashboardCommand.class, ValidateCommand.class, DiffCommand.class, WorkerCommand.class,
                BenchCommand.class, BrokerCommand.class, ProxyCommand.class, FuzzCommand.class, DeviceCommand.class,
                IdentitiesCommand.class})
public final class CloudCutCommand implements Runnable {

    static final int EXIT_OK = 0;
    static final int EXIT_EXPECTATION_FAILED = 1;
    /** {@code diff --fail-on-regression}: a figure got worse; the same code as a failed expectation, for CI. */
    static final int EXIT_REGRESSION = 1;
    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_INFRASTRUCTURE = 3;

    /** The line of {@code --help}'s exit code list for bad input, the same for every command that reads files. */
    static final String BAD_INPUT_HELP = EXIT_BAD_INPUT + ":bad input or usage (file:line:column: field: problem)";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        routeJavaUtilLogging();
        System.exit(commandLine().execute(args));
    }

    /**
     * Hands what libraries log through java.util.logging to logback, whose configuration decides what reaches the
     * terminal. Left to its own console handler, Paho wrote a SEVERE line (and for a broken pipe a stack trace) to
     * standard error for each connection it timed out or lost: 1,096 of them in an hour of faults at 1,000 devices.
     */
    static void routeJavaUtilLogging() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new CloudCutCommand());
        // picocli already answers bad usage with 2 (ExitCode.USAGE); an unexpected failure is the infrastructure's.
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
            line.getErr().println("error: " + failure);
            return EXIT_INFRASTRUCTURE;
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a command: run, report, dashboard, validate, diff, worker, bench, broker, proxy, fuzz or device");
    }
}
