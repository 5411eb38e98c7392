package io.cloudcut.cli;

import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerException;
import io.cloudcut.broker.BrokerSettings;
import io.cloudcut.broker.Brokers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code cloudcut broker}: the embedded broker alone, as configured, until stopped. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs the embedded MQTT broker alone, as configured in broker-config/, until stopped (Ctrl-C).")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--broker-port", paramLabel = "PORT", description = "Port to listen on (default: broker-config/embedded.yaml).")
    Integer port;

    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where broker-config/ is (default: the current directory).")
    Path projectDir;

    @Override
    public Integer call() throws InterruptedException {
        Broker broker;
        try {
            broker = Brokers.start(new BrokerSettings(null, port, projectDir.resolve("broker-config")));
        } catch (BrokerException failed) {
            System.err.println("error: " + failed.getMessage());
            return CloudCutCommand.EXIT_INFRASTRUCTURE;
        } catch (IllegalArgumentException bad) {
            System.err.println("error: " + bad.getMessage());
            return CloudCutCommand.EXIT_BAD_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "cloudcut-broker-shutdown"));
        System.out.println(broker.description());
        System.out.println("MQTT clients connect to " + broker.endpoint().uri() + "; stop with Ctrl-C.");
        stopped.await();
        return CloudCutCommand.EXIT_OK;
    }
}
