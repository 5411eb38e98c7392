package io.cloudcut.cli;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerSettings;
import io.cloudcut.broker.Brokers;
import io.cloudcut.dashboard.mqtt.DeviceConventions;
import io.cloudcut.harness.Scenarios;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.DeviceProcess;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code cloudcut device}: one emulated device as a process of its own, on a real broker, reached over HTTP. */
class DeviceCommandTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aDeviceProcessConnectsUnderItsIdServesItsLocalFunctionsAndStopsCleanlyOnSigterm(@TempDir Path dir)
            throws Exception {
        DeviceModel model = Scenarios.loader(Project.root()).loadModel("vacuum-local-first");
        DeviceConventions conventions = DeviceConventions.of("bench-vacuum", model);
        try (Broker broker = Brokers.start(new BrokerSettings(null, 0, Project.file("broker-config")));
             DeviceProcess device = DeviceProcess.start("bench-vacuum", "vacuum-local-first", broker.endpoint().uri(), 1, dir)) {
            Mqtt5BlockingClient watcher = Mqtt5Client.builder().identifier("device-command-test")
                    .serverHost("127.0.0.1").serverPort(broker.endpoint().port()).buildBlocking();
            watcher.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes seen = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
                watcher.subscribeWith().topicFilter(conventions.availabilityTopic()).send();
                int port = device.awaitHttpPort();

                awaitPayload(seen, DeviceConventions.ONLINE);
                await().atMost(Duration.ofSeconds(30)).until(() -> new JsonObject(get(port, "/status").body())
                        .getBoolean("connected"));

                HttpResponse<String> pressed = post(port, "/functions/clean-button", "{\"probeId\":\"p1\"}");
                assertThat(pressed.statusCode()).isEqualTo(200);
                assertThat(new JsonObject(pressed.body()).getBoolean("ok")).isTrue();
                assertThat(new JsonObject(get(port, "/status").body()).getString("state")).isEqualTo("cleaning");

                HttpResponse<String> appOnly = post(port, "/functions/clean-from-app", "");
                assertThat(appOnly.statusCode()).as("an app function is not started on the device").isEqualTo(404);
                assertThat(new JsonObject(appOnly.body()).getBoolean("ok")).isFalse();
                assertThat(post(port, "/functions/clean-button", "not json").statusCode()).isEqualTo(400);

                assertThat(device.stop()).as("exit code after SIGTERM; output:%n%s", device.output())
                        .isIn(0, 143);
                awaitPayload(seen, DeviceConventions.OFFLINE);
                assertThat(device.output()).contains("\"type\":\"connection\"", "\"change\":\"up\"",
                        "\"type\":\"events\"", "device bench-vacuum stopped");
            } finally {
                watcher.disconnect();
            }
        }
    }

    @Test
    void anUnknownModelOrABadBrokerIsBadInput() {
        CliRun unknownModel = CliRun.of("device", "--model", "toaster", "--broker", "tcp://127.0.0.1:1883",
                "--project-dir", Project.root().toString());
        assertThat(unknownModel.exitCode()).isEqualTo(2);
        assertThat(unknownModel.errorLines()).singleElement().asString()
                .contains("unknown device model 'toaster'", "vacuum-local-first");

        CliRun badBroker = CliRun.of("device", "--model", "vacuum-local-first", "--broker", "http://127.0.0.1:1883",
                "--project-dir", Project.root().toString());
        assertThat(badBroker.exitCode()).isEqualTo(2);
        assertThat(badBroker.errorLines()).singleElement().asString().contains("scheme must be tcp");

        CliRun badPort = CliRun.of("device", "--model", "vacuum-local-first", "--broker", "tcp://127.0.0.1:1883",
                "--http-port", "70000", "--project-dir", Project.root().toString());
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.errorLines()).singleElement().asString().contains("--http-port");

        CliRun badLocalBroker = CliRun.of("device", "--model", "vacuum-local-first", "--broker", "tcp://127.0.0.1:1883",
                "--local-broker", "http://127.0.0.1:1884", "--project-dir", Project.root().toString());
        assertThat(badLocalBroker.exitCode()).isEqualTo(2);
        assertThat(badLocalBroker.errorLines()).singleElement().asString().contains("--local-broker:", "scheme must be tcp");
    }

    /** Reads the device's availability as it changes until it says {@code expected}. */
    private static void awaitPayload(Mqtt5BlockingClient.Mqtt5Publishes seen, String expected) throws InterruptedException {
        while (true) {
            Optional<Mqtt5Publish> message = seen.receive(30, TimeUnit.SECONDS);
            assertThat(message).as("availability %s within 30 s", expected).isPresent();
            if (new String(message.get().getPayloadAsBytes(), StandardCharsets.UTF_8).equals(expected)) {
                return;
            }
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(15))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
