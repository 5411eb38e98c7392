package io.cloudcut.cli;

import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.broker.BrokerException;
import io.cloudcut.broker.Brokers;
import io.cloudcut.device.LocalFunctionsMqtt;
import io.cloudcut.device.StandaloneDevice;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.ScenarioException;
import io.cloudcut.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code cloudcut device}: one emulated device as a process of its own, against any broker, until stopped. */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Runs one emulated device (a model of devices/) against an MQTT broker, with its local functions "
                + "on a loopback HTTP port, until stopped (Ctrl-C or SIGTERM). It prints its observations as JSON lines.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", CloudCutCommand.BAD_INPUT_HELP, "3:could not start"})
final class DeviceCommand implements Callable<Integer> {

    /** Real time: how long starting or stopping may take before the command gives up on it. */
    private static final long LIFECYCLE_SECONDS = 30;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A device model: devices/MODEL.yaml.")
    String model;

    @Option(names = "--broker", required = true, paramLabel = "URI",
            description = "The broker, or the fault proxy in front of it, e.g. tcp://127.0.0.1:1883. "
                    + "It need not be up yet: the device connects and reconnects as its model says.")
    String broker;

    @Option(names = "--id", paramLabel = "ID", description = "Its MQTT client id and device id (default: MODEL-1).")
    String id;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "0",
            description = "The loopback port of its local functions (default: a free one, printed at start).")
    int httpPort;

    @Option(names = "--local-broker", paramLabel = "URI",
            description = "The home network's MQTT broker (tcp://HOST:PORT), where the device also takes its local "
                    + "functions: cloudcut/local/ID/functions/NAME, answered on cloudcut/local/ID/answers.")
    String localBroker;

    @Option(names = "--time-scale", paramLabel = "X", defaultValue = "1",
            description = "Scenario seconds per real second on its clock: its timers, backoff and session expiry "
                    + "(default: ${DEFAULT-VALUE}, real time).")
    double timeScale;

    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where devices/ and clouds/ are (default: the current directory).")
    Path projectDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String deviceId = id == null ? model + "-1" : id;
        DeviceModel deviceModel;
        BrokerEndpoint endpoint;
        BrokerEndpoint local;
        try {
            if (httpPort < 0 || httpPort > 65535) {
                throw new IllegalArgumentException("--http-port needs a port from 0 to 65535, got " + httpPort);
            }
            if (!(timeScale > 0)) {
                throw new IllegalArgumentException("--time-scale must be above 0, got " + timeScale);
            }
            deviceModel = new ScenarioLoader(projectDir).loadModel(model);
            endpoint = Brokers.endpoint(broker);
            local = localBroker == null ? null : localBrokerEndpoint();
        } catch (IllegalArgumentException | ScenarioException | BrokerException bad) {
            err.println("error: " + bad.getMessage());
            err.flush();
            return CloudCutCommand.EXIT_BAD_INPUT;
        }
        StandaloneDevice device;
        try {
            device = StandaloneDevice.start(deviceId, deviceModel, endpoint.host(), endpoint.port(), httpPort,
                            local == null ? null : InetSocketAddress.createUnresolved(local.host(), local.port()), timeScale,
                            observed -> printLine(out, observed.encode()))
                    .toCompletionStage().toCompletableFuture().get(LIFECYCLE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException failed) {
            err.println("error: cannot start device " + deviceId + ": "
                    + (failed.getCause() == null ? failed : failed.getCause().getMessage()));
            err.flush();
            return CloudCutCommand.EXIT_INFRASTRUCTURE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                device.stop(Duration.ofSeconds(LIFECYCLE_SECONDS));
            } catch (Exception ignored) {
                // The JVM is exiting; nothing is left to clean up after.
            }
            printLine(err, "device " + deviceId + " stopped");
            stopped.countDown();
        }, "cloudcut-device-shutdown"));
        printLine(err, "device " + deviceId + " (" + deviceModel.id() + ") connects to " + endpoint.uri()
                + "; local functions on http://127.0.0.1:" + device.httpPort() + "/functions/{name}"
                + (local == null ? "" : " and on " + local.uri() + " at " + LocalFunctionsMqtt.functionTopic(deviceId, "{name}"))
                + "; stop with Ctrl-C");
        stopped.await();
        return CloudCutCommand.EXIT_OK;
    }

    private BrokerEndpoint localBrokerEndpoint() {
        try {
            return Brokers.endpoint(localBroker);
        } catch (BrokerException bad) {
            throw new IllegalArgumentException("--local-broker: " + bad.getMessage(), bad);
        }
    }

    /** One whole line at a time: observations come from the device's event loop, the rest from here. */
    private static synchronized void printLine(PrintWriter to, String line) {
        to.println(line);
        to.flush();
    }
}
