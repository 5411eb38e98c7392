package io.cloudcut.cli;

import io.cloudcut.harness.Scenarios;
import io.cloudcut.identity.Identities;
import io.cloudcut.identity.MosquittoPasswords;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cloudcut identities SCENARIO --secret FILE --mosquitto-passwords OUT}: the password file a
 * Mosquitto with {@code broker-config/mosquitto-identity.conf} needs so that a run of the scenario
 * ({@code run --broker ... --identity-secret FILE}) logs in, each part as itself.
 */
@Command(name = "identities", mixinStandardHelpOptions = true,
        description = "Writes a Mosquitto password file for every identity of a scenario's run under a secret kept in a "
                + "file (its devices, the cloud's services, the phone app, the harness, dashboards); run the scenario with "
                + "--identity-secret FILE against that Mosquitto.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            CloudCutCommand.EXIT_OK + ":the file is written",
            CloudCutCommand.BAD_INPUT_HELP})
final class IdentitiesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file, relative to the project directory.")
    Path scenarioFile;

    @Option(names = "--secret", required = true, paramLabel = "FILE",
            description = "At least 16 bytes the passwords derive from (head -c 32 /dev/urandom > FILE); the same as the run's --identity-secret.")
    Path secret;

    @Option(names = "--mosquitto-passwords", required = true, paramLabel = "OUT",
            description = "Where to write the password file (mosquitto_passwd's format).")
    Path passwords;

    @Option(names = "--devices-per-model", paramLabel = "N", description = "As the run will be given it: the devices' ids depend on it.")
    Integer devicesPerModel;

    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where devices/, scenarios/ and clouds/ are (default: the current directory).")
    Path projectDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Scenario scenario = Scenarios.loader(projectDir).load(projectDir.resolve(scenarioFile));
            scenario = FleetOptions.resized(scenario, devicesPerModel);
            // External devices are not among them: a run with external devices uses an open broker.
            List<String> devices = List.copyOf(scenario.emulatedDevices().keySet());
            List<Credentials> everyone = Identities.fromSecretFile(secret)
                    .everyone(devices, scenario.cloud().services().keySet());
            Files.writeString(passwords, MosquittoPasswords.file(everyone));
            out.println(everyone.size() + " identities (" + devices.size() + " devices) written to " + passwords);
            out.flush();
            return CloudCutCommand.EXIT_OK;
        } catch (ScenarioException | IllegalArgumentException bad) {
            err.println("error: " + bad.getMessage());
        } catch (IOException unwritable) {
            err.println("error: cannot write " + passwords + ": " + unwritable.getMessage());
        }
        err.flush();
        return CloudCutCommand.EXIT_BAD_INPUT;
    }
}
