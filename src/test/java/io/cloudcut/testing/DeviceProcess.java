package io.cloudcut.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** A real {@code cloudcut device} in a JVM of its own, on this test run's classpath, on loopback. */
public final class DeviceProcess implements AutoCloseable {

    private static final Pattern HTTP_PORT = Pattern.compile("local functions on http://127\\.0\\.0\\.1:(\\d+)/");

    private final String id;
    private final Process process;
    private final Path log;

    private DeviceProcess(String id, Process process, Path log) {
        this.id = id;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts device {@code id} of {@code model} against {@code brokerUri}, its clock at {@code timeScale},
     * with more of {@code cloudcut device}'s {@code options}; its HTTP port is a free one ({@link #awaitHttpPort}).
     */
    public static DeviceProcess start(String id, String model, String brokerUri, double timeScale, Path dir,
                                      String... options) throws IOException {
        Path log = dir.resolve(id + ".log");
        List<String> command = new ArrayList<>(CloudCutJvm.command("256m", "device",
                "--model", model, "--broker", brokerUri, "--id", id, "--time-scale", String.valueOf(timeScale),
                "--project-dir", Project.root().toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new DeviceProcess(id, process, log);
    }

    /** Waits until it says where its local functions listen, and returns that port. */
    public int awaitHttpPort() {
        int[] port = new int[1];
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("device " + id + " exited with " + process.exitValue() + ":\n" + output());
            }
            Matcher found = HTTP_PORT.matcher(output());
            if (found.find()) {
                port[0] = Integer.parseInt(found.group(1));
                return true;
            }
            return false;
        });
        return port[0];
    }

    /** Everything it printed so far. */
    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Sends SIGTERM and waits for the process to end; returns its exit code. */
    public int stop() {
        process.destroy();
        await().atMost(Duration.ofSeconds(40)).until(() -> !process.isAlive());
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
