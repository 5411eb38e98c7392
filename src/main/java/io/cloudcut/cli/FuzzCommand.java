package io.cloudcut.cli;

import io.cloudcut.fuzz.FuzzFigures;
import io.cloudcut.fuzz.FuzzRun;
import io.cloudcut.fuzz.FuzzSettings;
import io.cloudcut.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cloudcut fuzz}: hostile payloads on every topic the devices and the cloud read, then every device asked again. */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Starts the embedded broker, the default cloud and one device of each model (on the client stacks "
                + "in turn), sends payloads from a fixed seed on every topic they read (random bytes, truncated, huge, "
                + "deep JSON, wrong types, unknown commands, out-of-range values, oversized, empty, invalid UTF-8; some "
                + "valid), then checks that each device and service counted exactly what it had to reject and that "
                + "every device still answers every function. Exit 1 when one did not.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every payload accounted for, every device answers", "1:a reader miscounted or a device stopped answering",
                CloudCutCommand.BAD_INPUT_HELP, "3:the broker, the cloud or a device could not start"})
final class FuzzCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--payloads", paramLabel = "N", defaultValue = "10000", description = "Payloads to send (default: ${DEFAULT-VALUE}).")
    long payloads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the payloads: the same seed sends the same payloads (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--model", paramLabel = "M", arity = "1..*",
            defaultValue = "vacuum-local-first,doorbell-local-chime,bed-offline-mode", split = ",",
            description = "Device models, one device of each (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--broker", paramLabel = "URI",
            description = "Fuzz through this broker (tcp://127.0.0.1:1883, one that lets clients in without credentials) "
                    + "instead of the embedded one: how it treats a topic that is not UTF-8 is part of the figures.")
    String externalBroker;

    @Option(names = "--json", description = "Print the figures as JSON on stdout instead of the table.")
    boolean json;

    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where devices/, clouds/ and broker-config/ are (default: the current directory).")
    Path projectDir;

    @Override
    public Integer call() {
        FuzzFigures figures;
        try {
            figures = new FuzzRun(settings(), this::progress).run();
        } catch (ScenarioException | IllegalArgumentException bad) {
            return error(bad.getMessage(), CloudCutCommand.EXIT_BAD_INPUT);
        } catch (Exception failed) {
            return error(failed.getMessage(), CloudCutCommand.EXIT_INFRASTRUCTURE);
        }
        spec.commandLine().getOut().println(json ? figures.toJson().encodePrettily() : "\n" + figures.table());
        spec.commandLine().getOut().flush();
        return figures.passed() ? CloudCutCommand.EXIT_OK : CloudCutCommand.EXIT_EXPECTATION_FAILED;
    }

    /** One invalid-topic packet per thousand payloads, at most 100: each costs a connection the broker closes. */
    private FuzzSettings settings() {
        int invalidTopics = (int) Math.min(100, Math.max(1, payloads / 1_000));
        return new FuzzSettings(projectDir, payloads, seed, models, invalidTopics, externalBroker);
    }

    private void progress(String line) {
        spec.commandLine().getErr().println("fuzz: " + line);
        spec.commandLine().getErr().flush();
    }

    private int error(String message, int exitCode) {
        spec.commandLine().getErr().println("error: " + message);
        spec.commandLine().getErr().flush();
        return exitCode;
    }
}
