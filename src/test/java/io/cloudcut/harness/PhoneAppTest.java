package io.cloudcut.harness;

import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.cloud.Outbox;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.testing.Mosquitto;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The phone app's commands on a real Mosquitto: a probe round of a large fleet sends more app
 * commands than its client may have unacknowledged, and none of them is lost for it (an 18,000-device
 * warm-up lost 7,899 so).
 */
class PhoneAppTest {

    /** Past the Vert.x client's old limit of 10,000 in flight, and twelve times the window. */
    private static final int BURST = 12 * Outbox.WINDOW;

    @Test
    void commandsBeyondTheInFlightWindowWaitForRoom_andEveryOneReachesTheBroker() throws Exception {
        try (Mosquitto broker = Mosquitto.start(List.of("allow_anonymous true", "persistence false",
                "max_inflight_messages 100", "max_queued_messages 0"))) {
            Vertx vertx = Vertx.vertx();
            ScenarioClock clock = ScenarioClock.running(1);
            try {
                Set<String> received = ConcurrentHashMap.newKeySet();
                MqttClient commandsService = MqttClient.create(vertx);
                commandsService.publishHandler(request -> received.add(request.payload().toJsonObject().getString("requestId")));
                get(commandsService.connect(broker.port(), "127.0.0.1"));
                get(commandsService.subscribe(CloudTopics.COMMAND_REQUEST, MqttQoS.AT_LEAST_ONCE.value()));
                PhoneApp app = new PhoneApp(vertx, clock, new Credentials("cloudcut-phone-app", "any"), null, Set.of());
                get(app.connect("127.0.0.1", broker.port()));

                // Paused, the broker acknowledges nothing: every command of the burst is in flight or waits.
                broker.pause();
                try {
                    get(Future.all(IntStream.range(0, BURST)
                            .mapToObj(n -> app.command("vacuum-" + n, "clean-from-app", "probe-" + n)).toList()));
                } finally {
                    broker.resume();
                }

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(received).hasSize(BURST));
                get(app.close());
            } finally {
                clock.close();
                get(vertx.close());
            }
        }
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
