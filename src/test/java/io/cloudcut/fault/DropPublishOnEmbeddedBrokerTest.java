package io.cloudcut.fault;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerSettings;
import io.cloudcut.broker.Brokers;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code drop-publish} in front of the embedded HiveMQ broker, which closes a client it has not heard from for one and
 * a half keepalives (Mosquitto 2.0.11 here did not). A broker that discards a publish has still heard from its client.
 */
class DropPublishOnEmbeddedBrokerTest {

    private static final String CLIENT_ID = "device-1";

    /**
     * The HiveMQ client pings only when it has neither sent nor read anything for a keepalive. Publishing every 200 ms
     * into the fault, each publish answered by the proxy, it never has; the broker, which saw none of them, closed it
     * for keep alive timeout after 1.5 s until the proxy told the broker of each dropped publish with a PINGREQ.
     */
    @Test
    void aDevicePublishingOnlyIntoTheFault_isNotClosedByTheBrokerForBeingIdle() throws Exception {
        try (Broker broker = Brokers.start(new BrokerSettings(null, 0, Project.file("broker-config")));
             FaultProxy proxy = FaultProxy.create("127.0.0.1", broker.endpoint().port())) {
            Link link = proxy.openLink(CLIENT_ID);
            CompletableFuture<Throwable> disconnected = new CompletableFuture<>();
            Mqtt5BlockingClient device = Mqtt5Client.builder().identifier(CLIENT_ID).serverHost("127.0.0.1").serverPort(link.port())
                    .addDisconnectedListener(context -> disconnected.complete(context.getCause())).buildBlocking();
            device.connectWith().keepAlive(1).send();
            link.apply(LinkFaults.create("drop-publish", Map.of("topic", "devices/+/events"), Direction.UPSTREAM));
            ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger published = new AtomicInteger();
            try {
                publisher.scheduleAtFixedRate(() -> {
                    device.publishWith().topic("devices/a/events").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send();
                    published.incrementAndGet();
                }, 0, 200, TimeUnit.MILLISECONDS);

                await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(15))
                        .until(() -> !disconnected.isDone() && published.get() > 10);
            } finally {
                publisher.shutdownNow();
                device.disconnect();
            }
            assertThat(link.stats().bytesDropped()).as("every publish dropped").isPositive();
        }
    }
}
