package io.cloudcut.identity;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerSettings;
import io.cloudcut.broker.Brokers;
import io.cloudcut.harness.Scenarios;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.scenario.ScenarioLoader;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker's per-client queue limit on the embedded broker, on real TCP: a device's or an
 * observer's queue is cut at the limit, the cloud's own services' and the phone app's are not, so
 * that a storm's events and their results are not lost to a limit of the harness's.
 */
class BackendQueueOnEmbeddedBrokerTest {

    private static final int LIMIT = 5;
    private static final int BURST = 60;
    private static final String LAST = "last";
    private static final String DEVICE = "vacuum-1";

    private Identities identities;
    private Broker broker;

    @BeforeEach
    void startBroker(@TempDir Path config) throws Exception {
        Files.writeString(config.resolve(BrokerSettings.EMBEDDED_CONFIG_FILE), "max-queued-messages: " + LIMIT + "\n");
        ScenarioLoader loader = Scenarios.loader(Project.root());
        identities = Identities.generate();
        identities.enrol(DEVICE, loader.loadModel(Project.file("devices/vacuum-local-first.yaml"),
                loader.loadCloud(Project.file("clouds/default.yaml"))));
        broker = Brokers.start(new BrokerSettings(null, 0, config), identities);
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void aCloudServiceGetsEveryEventQueuedWhileItWasAway() throws Exception {
        assertThat(queuedWhileAway(ReaderAndWriter.ingestReading(identities, DEVICE))).isEqualTo(BURST);
    }

    @Test
    void thePhoneAppGetsEveryResultQueuedWhileItWasAway() throws Exception {
        assertThat(queuedWhileAway(ReaderAndWriter.phoneAppReading(identities, DEVICE))).isEqualTo(BURST);
    }

    @Test
    void anyOtherClientGetsNoMoreThanTheBrokersLimit() throws Exception {
        assertThat(queuedWhileAway(ReaderAndWriter.monitorReading(identities, DEVICE))).isLessThanOrEqualTo(LIMIT);
    }

    /** Messages the reader (with a kept session) gets after the writer sent {@link #BURST} while it was away, then one more. */
    private int queuedWhileAway(ReaderAndWriter clients) throws Exception {
        Mqtt3BlockingClient away = client(clients.readerId());
        connectKeepingSession(away, clients.reader());
        away.subscribeWith().topicFilter(clients.filter()).qos(MqttQos.AT_LEAST_ONCE).send();
        away.disconnect();

        Mqtt3BlockingClient writer = client(clients.writerId());
        connectKeepingSession(writer, clients.writer());
        for (int event = 0; event < BURST; event++) {
            writer.publishWith().topic(clients.topic()).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"kind\":\"status\",\"seq\":" + event + "}").getBytes(StandardCharsets.UTF_8)).send();
        }

        Mqtt3BlockingClient back = client(clients.readerId());
        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = back.publishes(MqttGlobalPublishFilter.ALL)) {
            connectKeepingSession(back, clients.reader());
            int queued = 0;
            // A full queue would drop the last event too: it is sent once the queue has come out.
            while (publishes.receive(1, TimeUnit.SECONDS).isPresent()) {
                queued++;
            }
            // On the same topic by the same client: it arrives after anything still queued.
            writer.publishWith().topic(clients.topic()).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(LAST.getBytes(StandardCharsets.UTF_8)).send();
            while (true) {
                Optional<Mqtt3Publish> next = publishes.receive(30, TimeUnit.SECONDS);
                assertThat(next).as("the last event, after %d queued ones", queued).isPresent();
                if (new String(next.get().getPayloadAsBytes(), StandardCharsets.UTF_8).equals(LAST)) {
                    return queued;
                }
                queued++;
            }
        } finally {
            back.disconnect();
            writer.disconnect();
        }
    }

    private Mqtt3BlockingClient client(String clientId) {
        return MqttClient.builder().useMqttVersion3().identifier(clientId).serverHost("127.0.0.1")
                .serverPort(broker.endpoint().port()).buildBlocking();
    }

    private static void connectKeepingSession(Mqtt3BlockingClient client, Credentials credentials) {
        client.connectWith().cleanSession(false).simpleAuth().username(credentials.username())
                .password(credentials.passwordBytes()).applySimpleAuth().send();
    }
}
