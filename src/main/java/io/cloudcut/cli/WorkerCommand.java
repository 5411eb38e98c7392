package io.cloudcut.cli;

import io.cloudcut.cluster.ClusterNode;
import io.cloudcut.cluster.ClusterSettings;
import io.cloudcut.harness.InfrastructureException;
import io.cloudcut.harness.Waits;
import io.cloudcut.harness.Worker;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code cloudcut worker}: hosts devices of clustered runs until stopped. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Joins the cluster and hosts the devices a coordinator (cloudcut run --workers N) gives it, one "
                + "run at a time, until stopped (Ctrl-C). Start one per process the fleet is spread over.")
final class WorkerCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--name", paramLabel = "NAME",
            description = "How runs name this worker (default: its process id and host).")
    String name;

    @Spec
    CommandSpec spec;

    /** Released by Ctrl-C (the JVM's shutdown hook), or by a test that has seen enough. */
    final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterSettings settings;
        try {
            settings = cluster.settings();
        } catch (IllegalArgumentException bad) {
            err.println("error: " + bad.getMessage());
            err.flush();
            return CloudCutCommand.EXIT_BAD_INPUT;
        }
        String workerName = name != null ? name : "worker-" + ManagementFactory.getRuntimeMXBean().getName();
        Vertx vertx;
        try {
            vertx = Waits.await(ClusterNode.join(settings, false), "joining the cluster at " + settings.members());
            Waits.await(Worker.start(vertx, workerName, line -> {
                out.println(workerName + ": " + line);
                out.flush();
            }), "starting the worker");
        } catch (InfrastructureException failed) {
            err.println("error: " + failed.getMessage());
            err.flush();
            return CloudCutCommand.EXIT_INFRASTRUCTURE;
        }
        Thread onCtrlC = new Thread(stopped::countDown, "cloudcut-worker-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        out.println(workerName + ": ready in the cluster of " + String.join(", ", settings.members())
                + " (bound to " + settings.host() + "); stop with Ctrl-C.");
        out.flush();
        try {
            stopped.await();
        } finally {
            vertx.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException alreadyShuttingDown) {
                // Ctrl-C: the JVM is running the hook that released us.
            }
        }
        return CloudCutCommand.EXIT_OK;
    }
}
