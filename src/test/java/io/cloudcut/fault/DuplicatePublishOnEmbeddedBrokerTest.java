package io.cloudcut.fault;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerSettings;
import io.cloudcut.broker.Brokers;
import io.cloudcut.testing.Project;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code duplicate-publish} on an MQTT 5 device whose window of unacknowledged publishes is full, in front of the
 * embedded HiveMQ broker, which holds a client to the Receive Maximum it announced (10) and closes one that sends more.
 */
class DuplicatePublishOnEmbeddedBrokerTest {

    private static final String CLIENT_ID = "device-1";
    private static final int PUBLISHES = 40;
    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * A copy sent beside its original, both unacknowledged, is one publish more than the device's window: the broker
     * closed such devices with {@code receive maximum exceeded (0x93)}, 6,964 times in a 1,000-device run. Each QoS 1
     * publish now reaches the subscriber twice; a QoS 2 one once, as it is not copied ({@link MqttFiveCopies}).
     */
    @ParameterizedTest
    @EnumSource(value = MqttQos.class, names = {"AT_LEAST_ONCE", "EXACTLY_ONCE"})
    void aDeviceWithAFullWindow_staysConnected(MqttQos qos) throws Exception {
        try (Broker broker = Brokers.start(new BrokerSettings(null, 0, Project.file("broker-config")));
             FaultProxy proxy = FaultProxy.create("127.0.0.1", broker.endpoint().port())) {
            AtomicInteger arrived = new AtomicInteger();
            Mqtt5AsyncClient cloud = Mqtt5Client.builder().identifier("cloud").serverHost("127.0.0.1")
                    .serverPort(broker.endpoint().port()).buildAsync();
            cloud.connect().get(30, TimeUnit.SECONDS);
            cloud.subscribeWith().topicFilter("devices/+/events").qos(MqttQos.AT_LEAST_ONCE)
                    .callback(publish -> arrived.incrementAndGet()).send().get(30, TimeUnit.SECONDS);
            Link link = proxy.openLink(CLIENT_ID);
            CompletableFuture<Throwable> disconnected = new CompletableFuture<>();
            Mqtt5AsyncClient device = Mqtt5Client.builder().identifier(CLIENT_ID).serverHost("127.0.0.1").serverPort(link.port())
                    .addDisconnectedListener(context -> disconnected.complete(context.getCause())).buildAsync();
            device.connect().get(30, TimeUnit.SECONDS);
            link.apply(LinkFaults.create("duplicate-publish", Map.of("topic", "devices/+/events"), Direction.UPSTREAM));
            try {
                List<CompletableFuture<Mqtt5PublishResult>> acknowledged = new ArrayList<>();
                for (int i = 0; i < PUBLISHES; i++) {
                    acknowledged.add(device.publishWith().topic("devices/a/events").qos(qos).payload(new byte[] {(byte) i}).send());
                }
                int expected = qos == MqttQos.AT_LEAST_ONCE ? 2 * PUBLISHES : PUBLISHES;

                await().atMost(WAIT).until(() -> disconnected.isDone() || arrived.get() >= expected
                        && acknowledged.stream().allMatch(CompletableFuture::isDone));
                assertThat(disconnected).as("the broker closed the device: %s", describe(disconnected.getNow(null))).isNotDone();
                assertThat(acknowledged).allSatisfy(result -> assertThat(result.get().getError()).isEmpty());
                await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> arrived.get() == expected);
            } finally {
                device.disconnect();
                cloud.disconnect();
            }
        }
    }

    private static String describe(Throwable cause) {
        return cause instanceof Mqtt5DisconnectException disconnect ? disconnect.getMqttMessage().toString() : String.valueOf(cause);
    }
}
