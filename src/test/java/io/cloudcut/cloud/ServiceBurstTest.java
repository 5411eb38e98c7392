package io.cloudcut.cloud;

import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.testing.Mosquitto;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cloud service that answers many requests in one turn of its event loop, as a throttled service does
 * when its phase ends and its whole queue is released at once, on a real Mosquitto: every answer reaches
 * the broker, though its client may have only {@link Outbox#WINDOW} messages unacknowledged at a time.
 */
class ServiceBurstTest {

    private static final String REQUESTS = "cloudcut/test/burst";
    private static final String ANSWERS = "cloudcut/test/burst/answers";
    /** Three times the client's in-flight window. */
    private static final int BURST = 3 * Outbox.WINDOW;

    @Test
    void aBurstBeyondTheInFlightWindowWaitsForRoom_andEveryAnswerArrives() throws Exception {
        // No cap on what Mosquitto queues for the slow listener: what is measured is what the service sent.
        try (Mosquitto broker = Mosquitto.start(List.of("allow_anonymous true", "persistence false",
                "max_inflight_messages 100", "max_queued_messages 0"));
             ScenarioClock clock = ScenarioClock.running(1)) {
            Vertx vertx = Vertx.vertx();
            try {
                Set<Integer> answered = ConcurrentHashMap.newKeySet();
                MqttClient listener = MqttClient.create(vertx);
                listener.publishHandler(answer -> answered.add(answer.payload().toJsonObject().getInteger("n")));
                get(listener.connect(broker.port(), "127.0.0.1"));
                get(listener.subscribe(ANSWERS, MqttQoS.AT_LEAST_ONCE.value()));
                get(vertx.deployVerticle(new AnswersInOneTurn(broker.port(), clock)));
                MqttClient requester = MqttClient.create(vertx);
                get(requester.connect(broker.port(), "127.0.0.1"));

                get(requester.publish(REQUESTS, new JsonObject().put("answers", BURST).toBuffer(), MqttQoS.AT_LEAST_ONCE,
                        false, false));

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(answered).hasSize(BURST));
            } finally {
                get(vertx.close());
            }
        }
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** Answers a request for N answers with N messages, all published in the turn that handles it. */
    private static final class AnswersInOneTurn extends CloudService {

        AnswersInOneTurn(int port, ScenarioClock clock) {
            super("burst", "127.0.0.1", port, clock);
        }

        @Override
        List<String> subscriptions() {
            return List.of(REQUESTS);
        }

        @Override
        boolean wellFormed(String topic, JsonObject message) {
            return message.getValue("answers") instanceof Integer;
        }

        @Override
        void handle(String topic, JsonObject message) {
            for (int n = 0; n < message.getInteger("answers"); n++) {
                publish(ANSWERS, new JsonObject().put("n", n));
            }
        }
    }
}
