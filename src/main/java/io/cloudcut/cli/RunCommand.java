package io.cloudcut.cli;

import io.cloudcut.harness.InfrastructureException;
import io.cloudcut.harness.ProgressListener;
import io.cloudcut.harness.RunResult;
import io.cloudcut.harness.RunSettings;
import io.cloudcut.trust.BrokerTrust;
import io.cloudcut.harness.ScenarioRunner;
import io.cloudcut.harness.Scenarios;
import io.cloudcut.identity.Identities;
import io.cloudcut.report.ObservationStream;
import io.cloudcut.scenario.HeldDeliveries;
import io.cloudcut.scenario.RealTimeRaces;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioException;
import io.cloudcut.scenario.TimeScale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code cloudcut run [SCENARIO]}: runs a scenario, prints its verdict matrix and checks its expectations. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a scenario: starts the broker, the cloud and the fleet, cuts the cloud as the timeline says, "
                + "probes every function of every device, prints the verdicts and checks the scenario's expectations.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            CloudCutCommand.EXIT_OK + ":every expectation met (or none stated)",
            CloudCutCommand.EXIT_EXPECTATION_FAILED + ":an expectation failed",
            CloudCutCommand.BAD_INPUT_HELP,
            CloudCutCommand.EXIT_INFRASTRUCTURE + ":the infrastructure failed, the harness's baseline was not healthy (no verdicts; with auto, at three scales, each half the one before), an expectation failed while the harness was not healthy later in the run, or the run was interrupted (its report so far is written)"})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", defaultValue = "scenarios/kinesis-2020.yaml",
            description = "Scenario file, relative to the project directory (default: ${DEFAULT-VALUE}).")
    Path scenarioFile;

    @Option(names = "--broker-port", paramLabel = "PORT",
            description = "Port of the embedded broker (default: broker-config/embedded.yaml, 0 = a free port).")
    Integer brokerPort;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Write report.json, junit.xml, report.html and observations.jsonl into DIR (with no verdicts, "
            + "only junit.xml, which says why, and observations.jsonl).")
    Path reportDir;

    @Option(names = "--devices-per-model", paramLabel = "N", description = "Run N devices of each model instead of the scenario's fleet; throttled services' rates and queues, and "
            + "expect: bounds on events lost in the cloud, are resized with the fleet.")
    Integer devicesPerModel;

    @Option(names = "--time-scale", paramLabel = "X|auto",
            description = "Scenario seconds per real second between transitions, instead of the scenario's; auto: the "
                    + "fastest this machine carries for the fleet, run again at half the scale (at most twice) while the "
                    + "harness cannot measure its baseline. A scale whose traffic it cannot carry is refused.")
    String timeScale;

    @Mixin
    FleetOptions fleet;

    @Option(names = "--keep-discovery",
            description = "Leave the devices' Home Assistant discovery configs, state and availability on the broker "
                    + "when the run ends (by default they are cleared, and the entities leave Home Assistant).")
    boolean keepDiscovery;

    @Option(names = "--open-broker",
            description = "Let any client into the embedded broker, anonymously and to every topic (by default each "
                    + "part of the run logs in with credentials drawn for the run and may use only its own topics): "
                    + "for a dashboard or tool that must log in the same way across runs or send what its identity may not.")
    boolean openBroker;

    @Option(names = "--identity-secret", paramLabel = "FILE",
            description = "Derive the run's passwords from this file (at least 16 bytes) instead of drawing them, so that a "
                    + "broker CloudCut does not start can know them: cloudcut identities writes its Mosquitto password file.")
    Path identitySecret;

    @Option(names = "--one-proxy-port",
            description = "Devices reach the fault proxy on one port, their links told apart by the MQTT client id of "
                    + "each CONNECT, instead of a port each: one open file less a device. Chosen by itself when a port "
                    + "a device would not fit the open-file limit, and on workers (one port each) when the fleet's links "
                    + "would not fit the ephemeral ports of 127.0.0.1. A refused link then resets a device's CONNECT "
                    + "instead of refusing its TCP connection.")
    boolean oneProxyPort;

    @Option(names = "--workers", paramLabel = "N",
            description = "Spread the fleet over N worker processes (cloudcut worker) of the cluster; this process "
                    + "coordinates: broker, cloud, probes, timeline and report. Passes the open-file limit of one process.")
    Integer workers;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    TlsOptions tls;

    @Mixin
    TerminalOptions terminal;

    @Mixin
    DashboardOptions dashboard;

    @Spec
    CommandSpec spec;

    /** The scenario as loaded, with the command line's overrides; bad input throws. */
    private Scenario configuredScenario(PrintWriter err) throws ScenarioException {
        // checked, never created, before the run: the report is written into it only once the run is over
        if (reportDir != null && Files.exists(reportDir) && !Files.isDirectory(reportDir)) {
            throw new IllegalArgumentException("--report-dir: " + reportDir + " is a file, not a directory");
        }
        Scenario scenario = Scenarios.loader(fleet.projectDir).load(fleet.projectDir.resolve(scenarioFile));
        if (brokerPort != null && fleet.externalBroker != null) {
            throw new IllegalArgumentException("--broker-port is for the embedded broker; an external broker's port is in its URI");
        }
        Scenario asWritten = scenario;
        scenario = FleetOptions.resized(scenario, devicesPerModel);
        FleetOptions.describeResize(asWritten, devicesPerModel).ifPresent(err::println);
        fleet.checkClient();
        if (fleet.client != null) {
            scenario = scenario.withClient(fleet.client);
        }
        if (timeScale != null) {
            try {
                scenario = scenario.withTimeScale(TimeScale.parse(timeScale));
            } catch (IllegalArgumentException notAScale) {
                throw new IllegalArgumentException("--time-scale: " + notAScale.getMessage());
            }
        }
        return scenario;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario scenario;
        try {
            scenario = configuredScenario(err);
        } catch (ScenarioException | IllegalArgumentException bad) {
            err.println("error: " + bad.getMessage());
            err.flush();
            return CloudCutCommand.EXIT_BAD_INPUT;
        }
        RunSettings settings = new RunSettings(fleet.externalBroker, brokerPort, fleet.projectDir.resolve("broker-config"),
                Duration.ofSeconds(60), new TerminalProgress(err, scenario, TerminalOptions.interactive()));
        try {
            if (workers != null) {
                if (workers < 1) {
                    throw new IllegalArgumentException("--workers must be at least 1");
                }
                settings = settings.onWorkers(cluster.settings(), workers);
            } else if (cluster.members != null) {
                throw new IllegalArgumentException("--cluster needs --workers N: how many workers to spread the fleet over");
            }
            if (keepDiscovery) {
                settings = settings.keepingDiscovery();
            }
            settings = settings.securedBy(tls.security());
            BrokerTrust brokerTrust = tls.brokerTrust();
            if (brokerTrust != null) {
                settings = settings.trustingBroker(brokerTrust);
            }
            if (oneProxyPort) {
                settings = settings.onOneProxyPort();
            }
            if (openBroker && identitySecret != null) {
                throw new IllegalArgumentException("--identity-secret and --open-broker: an open broker checks no password");
            }
            if (openBroker) {
                settings = settings.withOpenBroker();
            } else if (identitySecret != null) {
                Identities identities = Identities.fromSecretFile(identitySecret);
                settings = settings.withIdentities(identities);
                err.println("MQTT dashboards log in as " + Identities.DASHBOARD + " with password "
                        + identities.dashboard().password() + " (read-only; derived from " + identitySecret + ")");
            } else if (fleet.externalBroker == null) {
                Identities identities = Identities.generate();
                settings = settings.withIdentities(identities);
                err.println("MQTT dashboards log in as " + Identities.DASHBOARD + " with password "
                        + identities.dashboard().password() + " (read-only; this run only)");
            }
            ScenarioRunner.check(scenario, settings);
        } catch (IllegalArgumentException impossible) {
            err.println("error: " + impossible.getMessage());
            err.flush();
            return CloudCutCommand.EXIT_BAD_INPUT;
        }
        RealTimeRaces.find(scenario, ScenarioRunner.runScale(scenario, settings)).forEach(race -> err.println("warning: " + race));
        if (fleet.externalBroker == null) {
            HeldDeliveries.find(scenario).forEach(held -> err.println("warning: " + held));
        }
        err.flush();
        try {
            settings = settings.watchedBy(dashboard.watch(settings.progress(), err));
        } catch (IllegalArgumentException | IllegalStateException cannot) {
            err.println("error: --dashboard: " + cannot.getMessage());
            err.flush();
            return CloudCutCommand.EXIT_BAD_INPUT;
        }
        try (Interruption interruption = Interruption.ofThisThread()) {
            return interruption.finished(runAndReport(scenario, settings, out, err));
        }
    }

    /**
     * Runs the scenario with its observations streamed into the report directory as they come (a run
     * cut short leaves them there), then prints and writes its outputs.
     */
    private int runAndReport(Scenario scenario, RunSettings settings, PrintWriter out, PrintWriter err) {
        ObservationStream stream;
        try {
            stream = reportDir == null ? null : ObservationStream.into(reportDir);
        } catch (IOException unwritable) {
            err.println("error: cannot write the observations into " + reportDir + ": " + unwritable.getMessage());
            err.flush();
            return CloudCutCommand.EXIT_INFRASTRUCTURE;
        }
        RunResult result;
        try (stream) {
            result = new ScenarioRunner(stream == null ? settings : settings.watchedBy(
                    ProgressListener.both(settings.progress(), ProgressListener.observing(stream)))).run(scenario);
        } catch (InfrastructureException failed) {
            dashboard.runEnded(null, err);
            err.println("error: " + failed.getMessage());
            if (stream != null) {
                err.println("observations until then: " + stream.file());
            }
            err.flush();
            return CloudCutCommand.EXIT_INFRASTRUCTURE;
        } catch (UncheckedIOException unwritable) {
            err.println("error: " + unwritable.getMessage());
            err.flush();
            return CloudCutCommand.EXIT_INFRASTRUCTURE;
        }
        if (stream != null) {
            // Whatever the verdicts, the stream is what a report is recomputed from (cloudcut report DIR).
            err.println("observations: " + stream.file());
            err.flush();
        }
        int exit = RunOutputs.emit(result, reportDir, terminal.palette(), out, err);
        // after the tables: the page shows the verdicts while the terminal has them too
        dashboard.runEnded(result, err);
        return exit;
    }
}
