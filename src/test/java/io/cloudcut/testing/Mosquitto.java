package io.cloudcut.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A real Mosquitto broker process on a free loopback port, for tests that need an external broker.
 * The Debian package {@code mosquitto} must be installed ({@code .ci/run} installs it).
 */
public final class Mosquitto implements AutoCloseable {

    /** What a shipped configuration sets that the test's Mosquitto sets itself, on its own port and files. */
    private static final List<String> SET_HERE = List.of("listener", "log_dest", "log_type", "password_file", "acl_file");

    private final Process process;
    private final int port;
    private final Path workDir;

    private Mosquitto(Process process, int port, Path workDir) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
    }

    /**
     * Starts Mosquitto listening on 127.0.0.1 on a free port and waits until it says it runs and
     * accepts connections. A port found free can be taken by another test's process before Mosquitto
     * binds it: Mosquitto then exits, and another port is tried.
     */
    public static Mosquitto start() throws IOException {
        return start(List.of("allow_anonymous true", "persistence false", "max_inflight_messages 100"));
    }

    /**
     * Mosquitto as {@code broker-config/mosquitto-identity.conf} configures it (no anonymous clients, the
     * shipped ACL), with this password file; the ACL is copied beside it, in a folder the mosquitto user
     * can read (Mosquitto started as root reads its files as that user, and the project may sit in a
     * folder only root reads, as under mktemp -d).
     */
    public static Mosquitto startWithIdentities(Path passwords) throws IOException {
        Path folder = passwords.getParent();
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> configuration = new ArrayList<>();
        for (String line : Files.readAllLines(Project.file("broker-config/mosquitto-identity.conf"))) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")
                    && SET_HERE.stream().noneMatch(key -> trimmed.startsWith(key + " "))) {
                configuration.add(trimmed);
            }
        }
        configuration.add("password_file " + passwords);
        Path acl = Files.copy(Project.file("broker-config/mosquitto-acl.conf"), folder.resolve("acl"));
        Files.setPosixFilePermissions(acl, PosixFilePermissions.fromString("rw-r--r--"));
        configuration.add("acl_file " + acl);
        return start(configuration);
    }

    /** As {@link #start()}, configured by these lines besides its listener and its log (to stderr). */
    public static Mosquitto start(List<String> configuration) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path dir = Files.createTempDirectory("cloudcut-mosquitto");
            Mosquitto mosquitto = startOn(FreePorts.onLoopback(), configuration, dir);
            if (mosquitto != null) {
                return mosquitto;
            }
            if (attempt == 5) {
                throw new IllegalStateException("mosquitto exited on start 5 times: see " + dir.resolve("stdout.log"));
            }
            TempFolders.delete(dir);
        }
    }

    /** Mosquitto on {@code port}, running and accepting; null when it exited (its port was taken meanwhile). */
    private static Mosquitto startOn(int port, List<String> configuration, Path dir) throws IOException {
        Path conf = dir.resolve("mosquitto.conf");
        Path log = dir.resolve("stdout.log");
        List<String> lines = new ArrayList<>(List.of("listener " + port + " 127.0.0.1"));
        lines.addAll(configuration);
        lines.add("log_dest stderr");
        Files.writeString(conf, String.join("\n", lines) + "\n");
        Process process = new ProcessBuilder(executable(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await().atMost(Duration.ofSeconds(20)).until(() -> !process.isAlive()
                || (Files.readString(log).contains(" running") && accepts(port)));
        return process.isAlive() ? new Mosquitto(process, port, dir) : null;
    }

    public int port() {
        return port;
    }

    /** TCP connections Mosquitto accepted so far, as its log says ("New connection from"), its own start check's included. */
    public long connectionsAccepted() throws IOException {
        return Files.readAllLines(workDir.resolve("stdout.log")).stream().filter(line -> line.contains("New connection from")).count();
    }

    /** Stops the broker's process where it is (SIGSTOP): connections stay open, and nothing is answered. */
    public void pause() throws Exception {
        signal("STOP");
    }

    /** Lets a paused broker go on (SIGCONT). */
    public void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited " + exit);
        }
    }

    /** The URI CloudCut takes for an external broker. */
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops the broker and deletes its folder (configuration and log). */
    @Override
    public void close() {
        process.destroy();
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
        try {
            TempFolders.delete(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String executable() {
        for (String candidate : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "mosquitto";
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

}
