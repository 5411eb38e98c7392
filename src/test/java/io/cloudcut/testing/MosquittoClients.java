package io.cloudcut.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code mosquitto_sub} and {@code mosquitto_pub} ({@code mosquitto-clients}, which
 * {@code .ci/run} installs): a dashboard's view of a broker from outside the JVM, with a client that
 * shares no code with CloudCut.
 */
public final class MosquittoClients {

    private MosquittoClients() {
    }

    /** Publishes one message and waits for {@code mosquitto_pub} to finish (QoS 1: acknowledged). */
    public static void publish(int port, String topic, String payload) throws IOException, InterruptedException {
        Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(port), "-q", "1",
                "-t", topic, "-m", payload).redirectErrorStream(true).start();
        if (!pub.waitFor(20, TimeUnit.SECONDS) || pub.exitValue() != 0) {
            throw new IllegalStateException("mosquitto_pub failed: " + new String(pub.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        }
    }

    /**
     * Publishes one message at QoS 1 over MQTT 5 as {@code clientId}, with more {@code options}
     * ({@code --cafile FILE}, say), and returns {@code mosquitto_pub}'s exit code: the CONNACK's reason
     * code when the broker refused it, non-zero when it could not connect.
     */
    public static int publishAs(int port, String clientId, String topic, String payload, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-V", "mqttv5", "-i", clientId, "-t", topic, "-m", payload, "-q", "1"));
        command.addAll(List.of(options));
        Process pub = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!pub.waitFor(30, TimeUnit.SECONDS)) {
            pub.destroyForcibly();
            throw new IllegalStateException("mosquitto_pub did not finish in 30 s");
        }
        return pub.exitValue();
    }

    /** Starts {@code mosquitto_sub -v} on the filters; every message it prints is kept, retained ones first. */
    public static Subscription subscribe(int port, String... filters) throws IOException {
        List<String> command = new ArrayList<>(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-q", "1", "-v"));
        for (String filter : filters) {
            command.add("-t");
            command.add(filter);
        }
        return new Subscription(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** One running {@code mosquitto_sub}: what it received, as {@link Message}s in order. */
    public static final class Subscription implements AutoCloseable {

        private final Process process;
        private final List<Message> received = new CopyOnWriteArrayList<>();

        private Subscription(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    lines.lines().forEach(line -> received.add(Message.of(line)));
                } catch (IOException | java.io.UncheckedIOException closed) {
                    // The process ended.
                }
            }, "mosquitto_sub reader");
            reader.setDaemon(true);
            reader.start();
        }

        public List<Message> received() {
            return List.copyOf(received);
        }

        /** The payloads received on one topic, in order. */
        public List<String> payloads(String topic) {
            return received.stream().filter(message -> message.topic().equals(topic)).map(Message::payload).toList();
        }

        /** The last payload received on a topic. */
        public Optional<String> last(String topic) {
            List<String> payloads = payloads(topic);
            return payloads.isEmpty() ? Optional.empty() : Optional.of(payloads.get(payloads.size() - 1));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A message as {@code mosquitto_sub -v} prints it: the topic, a space, the payload; an empty
     * payload (one that clears a retained message) it prints as {@value #EMPTY}, here {@code ""}.
     */
    public record Message(String topic, String payload) {
        private static final String EMPTY = "(null)";

        static Message of(String line) {
            int space = line.indexOf(' ');
            String payload = space < 0 ? "" : line.substring(space + 1);
            return new Message(space < 0 ? line : line.substring(0, space), payload.equals(EMPTY) ? "" : payload);
        }
    }
}
