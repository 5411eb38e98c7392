package io.cloudcut.cli;

import io.cloudcut.bench.Bench;
import io.cloudcut.bench.BenchResult;
import io.cloudcut.harness.InfrastructureException;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code cloudcut bench}: bare clients against the fleet through the harness, in one process and one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures bare MQTT clients of a stack doing the devices' traffic, then a fleet of as many devices "
                + "through the whole harness with a short outage (" + Bench.SCENARIO + "), and prints both and their "
                + "ratios; the last line is 'ratio connect=X throughput=Y heap=Z'. Exit 3 when the fleet's baseline "
                + "was not healthy: its figures would be the harness's limits.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--devices", paramLabel = "N", defaultValue = "200", description = "Devices, and bare clients (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--traffic-window", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long the bare clients publish, after a 2 s warm-up (default: ${DEFAULT-VALUE}), at the "
                    + "fleet's pace and then again back to back (the raw ceiling); longer for a steadier rate from a large fleet.")
    String trafficWindow;

    @Option(names = "--one-proxy-port", description = "The devices' links share one port of the fault proxy, as with "
            + "run --one-proxy-port: one open file and one listening socket less a device.")
    boolean oneProxyPort;

    @Option(names = "--json", description = "Print the figures as JSON on stdout instead of the table.")
    boolean json;

    @Mixin
    FleetOptions fleet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Bench.Settings settings;
        Scenario scenario;
        try {
            settings = new Bench.Settings(devices, fleet.client, fleet.externalBroker, fleet.projectDir, trafficWindow(),
                    oneProxyPort);
            fleet.checkClient();
            scenario = Bench.scenario(settings);
        } catch (ScenarioException | IllegalArgumentException bad) {
            err.println("error: " + bad.getMessage());
            err.flush();
            return CloudCutCommand.EXIT_BAD_INPUT;
        }
        BenchResult result;
        try {
            result = Bench.run(settings, scenario, new TerminalProgress(err, scenario, TerminalOptions.interactive()));
        } catch (InfrastructureException failed) {
            err.println("error: " + failed.getMessage());
            err.flush();
            return CloudCutCommand.EXIT_INFRASTRUCTURE;
        }
        out.println(json ? result.toJson().encodePrettily() : "\n" + result.table());
        out.flush();
        if (!result.fleetHealthy()) {
            err.println("error: the harness could not measure this run (the fleet's baseline was not healthy): its figures are the harness's limits, not a measurement");
            err.flush();
            return CloudCutCommand.EXIT_INFRASTRUCTURE;
        }
        return CloudCutCommand.EXIT_OK;
    }

    private Duration trafficWindow() {
        try {
            return Durations.parse(trafficWindow);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("--traffic-window: " + bad.getMessage(), bad);
        }
    }
}
