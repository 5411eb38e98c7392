package io.cloudcut.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** A real {@code cloudcut worker} in a JVM of its own, on this test run's classpath, on loopback. */
public final class WorkerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private WorkerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts a worker named {@code name} on cluster port {@code port} among {@code members}; see {@link #awaitReady}. */
    public static WorkerProcess start(String name, int port, String members, Path dir) throws IOException {
        Path log = dir.resolve(name + ".log");
        List<String> command = CloudCutJvm.command("384m", "worker",
                "--name", name, "--cluster-port", String.valueOf(port), "--cluster", members);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new WorkerProcess(name, process, log);
    }

    /** Waits until it has joined the cluster and listens for runs. */
    public WorkerProcess awaitReady() {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("worker " + name + " exited with " + process.exitValue() + ":\n" + output());
            }
            return output().contains(name + ": ready in the cluster");
        });
        return this;
    }

    /** Everything it printed so far. */
    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        process.destroy();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }
}
