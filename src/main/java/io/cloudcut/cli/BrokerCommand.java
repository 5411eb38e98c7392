package io.cloudcut.cli;

import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerException;
import io.cloudcut.broker.BrokerSettings;
import io.cloudcut.broker.BrokerTls;
import io.cloudcut.broker.Brokers;
import io.cloudcut.trust.RunCertificates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code cloudcut broker}: the embedded broker alone, as configured, until stopped. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs the embedded MQTT broker alone, as configured in broker-config/, until stopped (Ctrl-C).")
final class BrokerCommand implements Callable<Integer> {

    /** The broker stops in about 4 s; past this, Ctrl-C ends the JVM anyway. */
    private static final long RELEASE_LIMIT_SECONDS = 30;

    @Spec
    CommandSpec spec;

    @Option(names = "--broker-port", paramLabel = "PORT", description = "Port to listen on (default: broker-config/embedded.yaml).")
    Integer port;

    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where broker-config/ is (default: the current directory).")
    Path projectDir;

    @Option(names = "--tls",
            description = "Adds a TLS listener with a certificate for 127.0.0.1 and localhost, signed by a CA made for "
                    + "this broker; its ca.pem is printed, for clients to trust.")
    boolean tls;

    /** Released by Ctrl-C (the JVM's shutdown hook), or by a test that has seen enough. */
    final CountDownLatch stopped = new CountDownLatch(1);
    /** Counted down once the broker and its certificates are gone: the JVM halts when its shutdown hook returns. */
    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        Broker broker;
        RunCertificates certificates = tls ? RunCertificates.generate() : null;
        try {
            // Open: real devices and dashboards in front of it cannot know a run's passwords.
            broker = Brokers.start(new BrokerSettings(null, port, projectDir.resolve("broker-config")), null,
                    certificates == null ? null : new BrokerTls(certificates.brokerKeyStore(), null));
        } catch (BrokerException failed) {
            closeQuietly(certificates);
            spec.commandLine().getErr().println("error: " + failed.getMessage());
            return CloudCutCommand.EXIT_INFRASTRUCTURE;
        } catch (IllegalArgumentException bad) {
            closeQuietly(certificates);
            spec.commandLine().getErr().println("error: " + bad.getMessage());
            return CloudCutCommand.EXIT_BAD_INPUT;
        }
        Thread onCtrlC = new Thread(this::stopAndWaitForRelease, "cloudcut-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        PrintWriter out = spec.commandLine().getOut();
        out.println(broker.description());
        out.println("MQTT clients connect to " + broker.endpoint().uri() + "; stop with Ctrl-C.");
        broker.tlsEndpoint().ifPresent(secure -> out.println("Over TLS: " + secure.host() + ":" + secure.port()
                + ", trusting " + certificates.caCertificate() + " (deleted when the broker stops)."));
        out.flush();
        try {
            stopped.await();
        } finally {
            broker.close();
            closeQuietly(certificates);
            released.countDown();
            removeHook(onCtrlC);
        }
        return CloudCutCommand.EXIT_OK;
    }

    private void stopAndWaitForRelease() {
        stopped.countDown();
        try {
            released.await(RELEASE_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(RunCertificates certificates) {
        if (certificates != null) {
            certificates.close();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // Ctrl-C: the JVM is running the hook that released us.
        }
    }
}
