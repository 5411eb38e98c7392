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

/** A real {@code cloudcut proxy} in a JVM of its own, on this test run's classpath, its ports free ones. */
public final class ProxyProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile(
            "Devices connect to 127\\.0\\.0\\.1:(\\d+), .*fault API on http://127\\.0\\.0\\.1:(\\d+)/faults");

    private final Process process;
    private final Path log;
    private int devicePort;
    private int apiPort;

    private ProxyProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** {@code cloudcut proxy --listen 127.0.0.1:0 --upstream 127.0.0.1:BROKER --api 127.0.0.1:0 OPTIONS}, once it listens. */
    public static ProxyProcess start(int brokerPort, Path dir, String... options) throws IOException {
        Path log = Files.createTempFile(dir, "proxy", ".log");
        List<String> command = new ArrayList<>(CloudCutJvm.command("256m", "proxy", "--listen", "127.0.0.1:0",
                "--upstream", "127.0.0.1:" + brokerPort, "--api", "127.0.0.1:0"));
        command.addAll(List.of(options));
        ProxyProcess proxy = new ProxyProcess(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start(), log);
        proxy.awaitStarted();
        return proxy;
    }

    private void awaitStarted() {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the proxy exited with " + process.exitValue() + ":\n" + output());
            }
            Matcher found = STARTED.matcher(output());
            if (found.find()) {
                devicePort = Integer.parseInt(found.group(1));
                apiPort = Integer.parseInt(found.group(2));
                return true;
            }
            return false;
        });
    }

    /** Where devices connect. */
    public int devicePort() {
        return devicePort;
    }

    /** Where its fault API listens. */
    public int apiPort() {
        return apiPort;
    }

    /** Everything it printed so far. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroy();
        await().atMost(Duration.ofSeconds(40)).until(() -> !process.isAlive());
    }
}
