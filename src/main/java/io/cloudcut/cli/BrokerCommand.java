package io.cloudcut.cli;

import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerException;
import io.cloudcut.broker.BrokerSettings;
import io.cloudcut.broker.Brokers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code cloudcut broker}: the embedded broker alone, as configured, until stopped. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs the embedded MQTT broker alone, as configured in broker-config/, until stopped (Ctrl-C).")
final class BrokerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--broker-port", paramLabel = "PORT", description = "Port to listen on (default: broker-config/embedded.yaml).")
    Integer port;

    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where broker-config/ is (default: the current directory).")
    Path projectDir;

    /** Released by Ctrl-C (the JVM's shutdown hook), or by a test that has seen enough. */
    final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        Broker broker;
        try {
            broker = Brokers.start(new BrokerSettings(null, port, projectDir.resolve("broker-config")));
        } catch (BrokerException failed) {
            spec.commandLine().getErr().println("error: " + failed.getMessage());
            return CloudCutCommand.EXIT_INFRASTRUCTURE;
        } catch (IllegalArgumentException bad) {
            spec.commandLine().getErr().println("error: " + bad.getMessage());
            return CloudCutCommand.EXIT_BAD_INPUT;
        }
        Thread onCtrlC = new Thread(stopped::countDown, "cloudcut-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        PrintWriter out = spec.commandLine().getOut();
        out.println(broker.description());
        out.println("MQTT clients connect to " + broker.endpoint().uri() + "; stop with Ctrl-C.");
        out.flush();
        try {
            stopped.await();
        } finally {
            broker.close();
            removeHook(onCtrlC);
        }
        return CloudCutCommand.EXIT_OK;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // Ctrl-C: the JVM is running the hook that released us.
        }
    }
}
