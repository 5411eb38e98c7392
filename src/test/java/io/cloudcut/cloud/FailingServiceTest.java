package io.cloudcut.cloud;

import io.cloudcut.scenario.CloudSpec;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.testing.Mosquitto;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cloud service whose own code throws, on a real broker: it carries on with the next message, and
 * the failure is counted and described for the run's report instead of staying in a log.
 */
class FailingServiceTest {

    private static final String TOPIC = "cloudcut/test/flaky";

    private Mosquitto broker;
    private Vertx vertx;
    private ScenarioClock clock;

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start();
        vertx = Vertx.vertx();
        clock = ScenarioClock.running(1);
    }

    @AfterEach
    void stop() throws Exception {
        get(vertx.close());
        clock.close();
        broker.close();
    }

    @Test
    void aServiceThatThrowsCarriesOn_andCountsAndDescribesItsFailures() throws Exception {
        FlakyService flaky = new FlakyService(broker.port(), clock);
        get(vertx.deployVerticle(flaky, new DeploymentOptions().setConfig(new JsonObject())));
        CloudControl cloud = new CloudControl(vertx, new ServiceGraph(new CloudSpec(Path.of("flaky.yaml"),
                Map.of(FlakyService.NAME, new CloudSpec.ServiceSpec(List.of())), false)));
        assertThat(get(cloud.harnessFailures())).as("before anything failed").isEmpty();
        MqttClient sender = MqttClient.create(vertx);
        get(sender.connect(broker.port(), "127.0.0.1"));

        for (JsonObject message : List.of(new JsonObject().put("explode", true), new JsonObject().put("n", 1),
                new JsonObject().put("explode", true), new JsonObject().put("n", 2))) {
            get(sender.publish(TOPIC, message.toBuffer(), MqttQoS.AT_LEAST_ONCE, false, false));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> flaky.handledWell.size() == 2);
        assertThat(flaky.handledWell).containsExactly(1, 2);
        CloudControl.MessageCounts counts = get(cloud.messagesByService()).get(FlakyService.NAME);
        assertThat(counts.harnessFailures()).isEqualTo(2);
        assertThat(counts.firstHarnessFailure()).contains("IllegalStateException", "asked to explode");
        assertThat(get(cloud.harnessFailures())).containsExactly("cloud service flaky failed 2 times in the harness's "
                + "own code (first: java.lang.IllegalStateException: asked to explode): the emulated cloud did not "
                + "behave as its file says");
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** Throws on a message that asks it to, as a bug in a service's handler would. */
    private static final class FlakyService extends CloudService {

        static final String NAME = "flaky";

        final List<Integer> handledWell = new CopyOnWriteArrayList<>();

        FlakyService(int port, ScenarioClock clock) {
            super(NAME, "127.0.0.1", port, clock);
        }

        @Override
        List<String> subscriptions() {
            return List.of(TOPIC);
        }

        @Override
        boolean wellFormed(String topic, JsonObject message) {
            return true;
        }

        @Override
        void handle(String topic, JsonObject message) {
            if (message.getBoolean("explode", false)) {
                throw new IllegalStateException("asked to explode");
            }
            handledWell.add(message.getInteger("n"));
        }
    }
}
