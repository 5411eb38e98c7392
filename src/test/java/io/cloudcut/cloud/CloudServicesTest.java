package io.cloudcut.cloud;

import io.cloudcut.scenario.CloudSpec;
import io.cloudcut.scenario.Rate;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.ScenarioLoader;
import io.cloudcut.testing.Mosquitto;
import io.cloudcut.testing.Project;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The emulated cloud services over a real broker, in each condition a fault can put them in. */
class CloudServicesTest {

    static Mosquitto broker;
    static Vertx vertx;
    static CloudControl cloud;
    static MqttClient client;
    static final List<JsonObject> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void deployTheCloud() throws Exception {
        broker = Mosquitto.start();
        vertx = Vertx.vertx();
        CloudSpec spec = new ScenarioLoader(Project.root()).loadCloud(Project.file("clouds/default.yaml"));
        cloud = get(Cloud.deploy(vertx, spec, "127.0.0.1", broker.port(), ScenarioClock.running(1), anonymous -> null));
        client = MqttClient.create(vertx);
        client.publishHandler(message -> received.add(message.payload().toJsonObject().put("topic", message.topicName())));
        get(client.connect(broker.port(), "127.0.0.1"));
        get(client.subscribe(Map.of(CloudTopics.auth("d1"), 1, CloudTopics.appReply("d1"), 1, CloudTopics.phonePush("d1"), 1)));
    }

    @AfterAll
    static void stop() throws Exception {
        get(vertx.close());
        broker.close();
    }

    @AfterEach
    void everythingUpAgain() throws Exception {
        get(cloud.setFaulted(Map.of()));
        received.clear();
    }

    @Test
    void upAuthIssuesATokenThatExpiresOnTheScenarioClock() {
        askForToken();
        await().atMost(Duration.ofSeconds(10)).until(() -> tokens() == 1);
        assertThat(received.get(0).getLong("expiresAtMillis")).isPositive();
    }

    @Test
    void downAuthDoesNotAnswer() throws Exception {
        get(cloud.setFaulted(Map.of("auth", ServiceCondition.down("auth"))));
        askForToken();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(15)).until(received::isEmpty);
    }

    @Test
    void erroringCommandsTellTheAppAtOnce() throws Exception {
        get(cloud.setFaulted(Map.of("commands", new ServiceErroring("commands"))));
        publish(CloudTopics.COMMAND_REQUEST, new JsonObject().put("requestId", "r1").put("deviceId", "d1").put("function", "clean-from-app"));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(received.get(0).getBoolean("ok")).isFalse();
        assertThat(received.get(0).getString("detail")).isEqualTo("commands: internal error");
    }

    @Test
    void slowAuthAnswersAfterItsLatency() throws Exception {
        get(cloud.setFaulted(Map.of("auth", new ServiceSlow("auth", Duration.ofMillis(800)))));
        long sent = System.nanoTime();
        askForToken();
        await().atMost(Duration.ofSeconds(10)).until(() -> tokens() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }

    @Test
    void throttledAuthQueuesWhatItCanAndTurnsTheRestAway() throws Exception {
        get(cloud.setFaulted(Map.of("auth", new ServiceThrottled("auth", Rate.parse("2/s"), 3))));
        for (int i = 0; i < 10; i++) {
            askForToken();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 10);
        assertThat(tokens()).as("three queued, served at two per second of scenario time").isEqualTo(3);
        assertThat(received.stream().filter(answer -> answer.containsKey("error")))
                .hasSize(7)
                .allSatisfy(answer -> assertThat(answer.getString("error")).contains("throttled"));
    }

    /**
     * What a throttled service held a message for, on the scenario clock and in real time, travels with it to the phone:
     * a probe counts that wait at its scenario length, which the scale does not shorten. At 2 a second, the third of a
     * burst waits three intervals.
     */
    @Test
    void throttledIngestSaysHowLongItHeldEachEvent_allTheWayToThePhone() throws Exception {
        get(cloud.setFaulted(Map.of("ingest", new ServiceThrottled("ingest", Rate.parse("2/s"), 5))));
        for (int seq = 0; seq < 3; seq++) {
            publish(CloudTopics.ingest("d1"), new JsonObject().put("kind", "motion").put("seq", seq));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> pushes().size() == 3);

        List<JsonObject> pushes = pushes();
        assertThat(pushes).extracting(push -> push.getInteger("seq")).containsExactly(0, 1, 2);
        assertThat(pushes.get(2).getLong(Holds.HELD)).as("three intervals of 500 ms").isBetween(1400L, 2500L);
        assertThat(pushes.get(0).getLong(Holds.HELD)).isLessThan(pushes.get(2).getLong(Holds.HELD));
        assertThat(pushes).allSatisfy(push -> assertThat(push.getLong(Holds.HELD_REAL))
                .as("the clock at real time").isCloseTo(push.getLong(Holds.HELD), within(300L)));
    }

    /**
     * A command the throttled commands service held says so on its way to the device, and the device's reply, which does
     * not repeat it, reaches the app carrying it: the app's probe counts the hold as it does an alert's.
     */
    @Test
    void throttledCommandsSayHowLongTheyHeldACommand_inTheDevicesReplyToTheApp() throws Exception {
        MqttClient device = MqttClient.create(vertx);
        List<JsonObject> commands = new CopyOnWriteArrayList<>();
        device.publishHandler(message -> commands.add(message.payload().toJsonObject()));
        get(device.connect(broker.port(), "127.0.0.1"));
        try {
            get(device.subscribe(CloudTopics.command("d1"), 1));
            get(cloud.setFaulted(Map.of("commands", new ServiceThrottled("commands", Rate.parse("2/s"), 10))));
            for (int n = 0; n < 3; n++) {
                publish(CloudTopics.COMMAND_REQUEST, new JsonObject().put("requestId", "r" + n).put("deviceId", "d1").put("function", "clean-from-app"));
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> commands.size() == 3);
            // The replies pass a service no longer throttled: what they carry is the commands' holds alone.
            get(cloud.setFaulted(Map.of()));
            for (JsonObject command : commands) {
                get(device.publish(CloudTopics.COMMAND_REPLY, new JsonObject().put("requestId", command.getString("requestId"))
                        .put("deviceId", "d1").put("function", "clean-from-app").put("ok", true).toBuffer(), MqttQoS.AT_LEAST_ONCE, false, false));
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> replies().size() == 3);

            assertThat(commands.get(2).getLong(Holds.HELD)).as("the third command held three intervals of 500 ms").isBetween(1400L, 2500L);
            for (JsonObject command : commands) {
                JsonObject reply = replies().stream().filter(answer -> answer.getString("requestId").equals(command.getString("requestId")))
                        .findFirst().orElseThrow();
                assertThat(reply.getLong(Holds.HELD)).as("the reply to %s", command).isEqualTo(command.getLong(Holds.HELD));
                assertThat(reply.getLong(Holds.HELD_REAL)).isEqualTo(command.getLong(Holds.HELD_REAL));
            }
        } finally {
            get(device.disconnect());
        }
    }

    private static List<JsonObject> replies() {
        return received.stream().filter(message -> message.getString("topic").equals(CloudTopics.appReply("d1"))).toList();
    }

    /** A message whose hold is no number of milliseconds is malformed: counted, and it goes no further. */
    @Test
    void anEventThatSaysItsHoldWrongIsMalformed() throws Exception {
        long malformedBefore = get(cloud.messagesByService()).get("ingest").malformed();
        publish(CloudTopics.ingest("d1"), new JsonObject().put("kind", "motion").put(Holds.HELD, "a while"));
        publish(CloudTopics.ingest("d1"), new JsonObject().put("kind", "motion").put(Holds.HELD_REAL, -5));

        await().atMost(Duration.ofSeconds(10)).until(() -> get(cloud.messagesByService()).get("ingest").malformed() == malformedBefore + 2);
        assertThat(pushes()).isEmpty();
    }

    @Test
    void aDownIngestTakesNotifyDownAndNothingElse() throws Exception {
        Map<String, ServiceCondition> notUp = get(cloud.setFaulted(Map.of("ingest", ServiceCondition.down("ingest"))));
        assertThat(notUp).containsOnlyKeys("ingest", "notify");
        assertThat(notUp.get("notify").cause()).isEqualTo("ingest");
        askForToken();
        await().atMost(Duration.ofSeconds(10)).until(() -> tokens() == 1);
    }

    private static List<JsonObject> pushes() {
        return received.stream().filter(message -> message.getString("topic").equals(CloudTopics.phonePush("d1"))).toList();
    }

    private static long tokens() {
        return received.stream().filter(answer -> answer.containsKey("token")).count();
    }

    private static void askForToken() {
        publish(CloudTopics.AUTH_REQUEST, new JsonObject().put("deviceId", "d1").put("ttlMillis", 60_000));
    }

    private static void publish(String topic, JsonObject body) {
        client.publish(topic, body.toBuffer(), MqttQoS.AT_LEAST_ONCE, false, false);
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
