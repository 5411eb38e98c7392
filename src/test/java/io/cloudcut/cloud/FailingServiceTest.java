package io.cloudcut.cloud;

import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerSettings;
import io.cloudcut.broker.Brokers;
import io.cloudcut.identity.Identities;
import io.cloudcut.mqtt.Credentials;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cloud service that fails, on a real broker. One whose own code throws carries on with the next
 * message, and the failure is counted and described for the run's report instead of staying in a
 * log. One that cannot keep up with what it is sent gets its canary back late, and the run's health
 * says that the emulated cloud fell behind.
 */
class FailingServiceTest {

    private static final String TOPIC = "cloudcut/test/flaky";
    /** Each message keeps the slow service this long. */
    private static final Duration WORK = Duration.ofMillis(40);
    /** Sent twice as fast as the slow service handles them: a backlog of several seconds by the last. */
    private static final int MESSAGES = 300;

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
        assertThat(get(cloud.harnessProblems())).as("before anything failed").isEmpty();
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
        assertThat(get(cloud.harnessProblems())).containsExactly("cloud service flaky failed 2 times in the harness's "
                + "own code (first: java.lang.IllegalStateException: asked to explode): the emulated cloud did not "
                + "behave as its file says");
    }

    @Test
    void aServiceThatCannotKeepUpIsReportedAsFallingBehind() throws Exception {
        SlowService slow = new SlowService(broker.port(), clock);
        get(vertx.deployVerticle(slow, new DeploymentOptions().setConfig(new JsonObject())));
        CloudControl cloud = new CloudControl(vertx, new ServiceGraph(new CloudSpec(Path.of("slow.yaml"),
                Map.of(SlowService.NAME, new CloudSpec.ServiceSpec(List.of())), false)));
        await().atMost(Duration.ofSeconds(20)).until(() -> canary(cloud).getLong("worstMillis") > 0);
        assertThat(get(cloud.harnessProblems())).as("a service with nothing to do keeps up").isEmpty();
        assertThat(get(cloud.furthestBehindMillis())).as("nor is it behind now").isLessThan(Canary.LATE.toMillis());

        MqttClient sender = MqttClient.create(vertx);
        get(sender.connect(broker.port(), "127.0.0.1"));
        // Twice what the service handles, as a steady stream: its backlog, and the canaries' wait behind it, grow.
        AtomicInteger sent = new AtomicInteger();
        vertx.setPeriodic(WORK.toMillis() / 2, tick -> {
            if (sent.get() < MESSAGES) {
                sender.publish(TOPIC, new JsonObject().put("n", sent.getAndIncrement()).toBuffer(), MqttQoS.AT_MOST_ONCE,
                        false, false);
            }
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> canary(cloud).getLong("late") > 0);
        assertThat(canary(cloud).getLong("worstMillis")).isGreaterThan(Canary.LATE.toMillis());
        assertThat(get(cloud.harnessProblems())).singleElement().asString()
                .startsWith("cloud service slow fell behind: ")
                .contains("the emulated cloud could not keep up, not because of the devices");
        await("caught up once the stream ended").atMost(Duration.ofSeconds(60))
                .until(() -> get(cloud.furthestBehindMillis()) < Canary.LATE.toMillis());
    }

    /**
     * A broker that refuses a service's filter (here the embedded one, whose ACL gives a cloud service only
     * the cloud's topics) leaves it deaf there: a harness problem, named, not a silence the devices are blamed for.
     */
    @Test
    void aSubscriptionTheBrokerRefusesIsAProblemOfTheHarness() throws Exception {
        Identities identities = Identities.generate();
        Broker secured = Brokers.start(new BrokerSettings(null, 0, null), identities);
        try {
            Credentials credentials = identities.cloudService(FlakyService.NAME);
            get(vertx.deployVerticle(new FlakyService(secured.endpoint().port(), clock), new DeploymentOptions()
                    .setConfig(new JsonObject().put(CloudService.CREDENTIALS, new JsonObject()
                            .put("username", credentials.username()).put("password", credentials.password())))));
            CloudControl cloud = new CloudControl(vertx, new ServiceGraph(new CloudSpec(Path.of("flaky.yaml"),
                    Map.of(FlakyService.NAME, new CloudSpec.ServiceSpec(List.of())), false)));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(cloud.harnessProblems()))
                    .singleElement().asString().startsWith("cloud service flaky failed 1 time in the harness's own code")
                    .contains("the broker refused its subscription to " + TOPIC));
        } finally {
            secured.close();
        }
    }

    private JsonObject canary(CloudControl cloud) throws Exception {
        return get(vertx.eventBus().<JsonObject>request(CloudControl.statusAddress(SlowService.NAME), new JsonObject()))
                .body().getJsonObject("canary");
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** A service of the test's topic, taking every message there as its own. */
    private abstract static class OnTheTestTopic extends CloudService {

        OnTheTestTopic(String name, int port, ScenarioClock clock) {
            super(name, "127.0.0.1", port, clock);
        }

        @Override
        List<String> subscriptions() {
            return List.of(TOPIC);
        }

        @Override
        boolean wellFormed(String topic, JsonObject message) {
            return true;
        }
    }

    /** Throws on a message that asks it to, as a bug in a service's handler would. */
    private static final class FlakyService extends OnTheTestTopic {

        static final String NAME = "flaky";

        final List<Integer> handledWell = new CopyOnWriteArrayList<>();

        FlakyService(int port, ScenarioClock clock) {
            super(NAME, port, clock);
        }

        @Override
        void handle(String topic, JsonObject message) {
            if (message.getBoolean("explode", false)) {
                throw new IllegalStateException("asked to explode");
            }
            handledWell.add(message.getInteger("n"));
        }
    }

    /** Takes {@link #WORK} over each message, on its own event loop, as an overloaded service does. */
    private static final class SlowService extends OnTheTestTopic {

        static final String NAME = "slow";

        final AtomicInteger handled = new AtomicInteger();

        SlowService(int port, ScenarioClock clock) {
            super(NAME, port, clock);
        }

        @Override
        void handle(String topic, JsonObject message) {
            long until = System.nanoTime() + WORK.toNanos();
            while (System.nanoTime() < until) {
                LockSupport.parkNanos(until - System.nanoTime());
            }
            handled.incrementAndGet();
        }
    }
}
