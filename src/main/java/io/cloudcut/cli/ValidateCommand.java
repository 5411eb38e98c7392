package io.cloudcut.cli;

import io.cloudcut.harness.ScenarioRunner;
import io.cloudcut.harness.Scenarios;
import io.cloudcut.scenario.CloudSpec;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioException;
import io.cloudcut.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cloudcut validate FILE...}: loads scenario, device model and cloud files as a run would,
 * and starts nothing. A file in a {@code devices/} directory is a device model (checked against the
 * default cloud), one in {@code clouds/} a cloud, any other a scenario (with its models and cloud).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks scenario, device model and cloud files without running anything: a file in devices/ is a "
                + "device model, one in clouds/ a cloud, any other a scenario. One line per file.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            CloudCutCommand.EXIT_OK + ":every file is valid",
            CloudCutCommand.BAD_INPUT_HELP})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to check, relative to the project directory.")
    List<Path> files;

    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where devices/ and clouds/ are, which scenarios refer to (default: the current directory).")
    Path projectDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScenarioLoader loader = Scenarios.loader(projectDir);
        boolean valid = true;
        for (Path written : files) {
            Path file = projectDir.resolve(written);
            try {
                out.println("ok: " + file + " (" + check(loader, file) + ")");
            } catch (ScenarioException bad) {
                err.println("error: " + bad.getMessage());
                valid = false;
            } catch (IllegalArgumentException wouldNotRun) {
                err.println("error: " + file + ": loads, but would not run: " + wouldNotRun.getMessage());
                valid = false;
            }
        }
        out.flush();
        err.flush();
        return valid ? CloudCutCommand.EXIT_OK : CloudCutCommand.EXIT_BAD_INPUT;
    }

    /**
     * Loads the file as what its directory says it is, and says what it holds; a scenario is also checked for
     * what would stop {@code run} whatever its options ({@link ScenarioRunner#checkAsWritten}).
     *
     * @throws IllegalArgumentException for a scenario that loads but would not run
     */
    private String check(ScenarioLoader loader, Path file) throws ScenarioException {
        Path directory = file.toAbsolutePath().getParent();
        String kind = directory == null || directory.getFileName() == null ? "" : directory.getFileName().toString();
        switch (kind) {
            case "devices" -> {
                CloudSpec cloud = loader.loadCloud(projectDir.resolve("clouds").resolve("default.yaml"));
                DeviceModel model = loader.loadModel(file, cloud);
                return "device model, " + model.functions().size() + " functions";
            }
            case "clouds" -> {
                return "cloud, " + loader.loadCloud(file).services().size() + " services";
            }
            default -> {
                Scenario scenario = loader.load(file);
                ScenarioRunner.checkAsWritten(scenario);
                return "scenario, " + scenario.deviceCount() + " devices, " + scenario.phases().size() + " phases, "
                        + scenario.expectations().size() + " expectations";
            }
        }
    }
}
