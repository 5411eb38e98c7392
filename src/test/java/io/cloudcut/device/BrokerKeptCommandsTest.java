package io.cloudcut.device;

import io.cloudcut.cloud.Cloud;
import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.cloud.Holds;
import io.cloudcut.fault.FaultProxy;
import io.cloudcut.fault.Link;
import io.cloudcut.fault.LinkFaults;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.ObservationBus;
import io.cloudcut.scenario.CloudSpec;
import io.cloudcut.scenario.DeviceKind;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FunctionPath;
import io.cloudcut.scenario.FunctionRole;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.MqttSessionPolicy;
import io.cloudcut.scenario.ReconnectPolicy;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.Trigger;
import io.cloudcut.testing.Mosquitto;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A command the broker keeps for a device away, on its persistent session, waits on the scenario clock until the device
 * tries again and is back, a wait no cloud service sees: the device's reply says how long, as a throttled service's does its queue, and
 * the app's probe counts it at its scenario length. A real Mosquitto, the commands service, the device on its link
 * through the fault proxy, at 60x, on each client stack (side by side: each case has its own broker and Vert.x).
 */
@Execution(ExecutionMode.CONCURRENT)
class BrokerKeptCommandsTest {

    private static final double SCALE = 60;

    private Mosquitto broker;
    private final Vertx vertx = Vertx.vertx();
    private final ScenarioClock clock = ScenarioClock.running(SCALE);
    private FaultProxy proxy;
    private Link link;
    private final List<ConnectionObserved> seen = new CopyOnWriteArrayList<>();
    private final List<JsonObject> replies = new CopyOnWriteArrayList<>();
    private MqttClient app;

    @BeforeEach
    void startTheCommandsService() throws Exception {
        broker = Mosquitto.start();
        proxy = FaultProxy.create("127.0.0.1", broker.port());
        link = proxy.openLink("vacuum-1");
        ObservationBus.listen(vertx, observation -> {
            if (observation instanceof ConnectionObserved connection) {
                seen.add(connection);
            }
        });
        Cloud.deploy(vertx, new CloudSpec(Path.of("commands-only.yaml"), Map.of("commands", new CloudSpec.ServiceSpec(List.of())), false),
                "127.0.0.1", broker.port(), clock, service -> null).await();
        app = MqttClient.create(vertx);
        app.publishHandler(message -> replies.add(message.payload().toJsonObject()));
        app.connect(broker.port(), "127.0.0.1").await();
        app.subscribe(CloudTopics.appReply("vacuum-1"), 1).await();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await();
        clock.close();
        proxy.close();
        broker.close();
    }

    @ParameterizedTest
    @MethodSource("io.cloudcut.testing.ClientStacks#wireNames")
    void aCommandKeptForTheDeviceWhileItWasAway_saysHowLongInItsReply_andOneSentWhileItWasThereSaysNothing(String stack) {
        startTheDeviceOn(stack);
        command("r1");
        await().atMost(Duration.ofSeconds(10)).until(() -> replies.size() == 1);

        link.apply(LinkFaults.named("reset"));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(ConnectionObserved.Change.DOWN) == 1);
        link.apply(LinkFaults.named("refuse"));
        long sentAt = clock.nowMillis();
        command("r2");
        await("a minute of scenario time away").atMost(Duration.ofSeconds(10)).until(() -> clock.nowMillis() - sentAt >= 60_000);
        link.restore();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(replyTo("r2")).as("seen %s", seen).isNotNull());
        long backFrom = seen.stream().filter(observed -> observed.change() == ConnectionObserved.Change.UP)
                .mapToLong(ConnectionObserved::attemptStartedAtMillis).max().orElseThrow();

        assertThat(replies.get(0).containsKey(Holds.HELD)).as("answered at once: %s", replies.get(0)).isFalse();
        JsonObject kept = replyTo("r2");
        assertThat(kept.getBoolean("ok")).as("%s", kept).isTrue();
        assertThat(kept.getLong(Holds.HELD)).as("kept from its sending until the attempt that brought the device back: %s", kept)
                .isCloseTo(backFrom - sentAt, within(3_000L));
        assertThat(kept.getLong(Holds.HELD)).as("on the scenario clock, at 60x the real time it took: %s", kept)
                .isCloseTo((long) (kept.getLong(Holds.HELD_REAL) * SCALE), within(3_000L));
    }

    /**
     * The reply to {@code requestId}, or null. A command is delivered at least once: the first may be sent again after
     * the reset, when the broker had not heard the device's PUBACK for it.
     */
    private JsonObject replyTo(String requestId) {
        return replies.stream().filter(reply -> requestId.equals(reply.getString("requestId"))).findFirst().orElse(null);
    }

    /** A command that says when it was sent in words is malformed: counted, and the device goes on answering. */
    @ParameterizedTest
    @MethodSource("io.cloudcut.testing.ClientStacks#wireNames")
    void aCommandThatSaysWrongWhenItWasSent_isCountedAsMalformed_andTheNextIsAnswered(String stack) {
        startTheDeviceOn(stack);
        app.publish(CloudTopics.command("vacuum-1"), new JsonObject().put("requestId", "r0").put("function", "clean-from-app")
                .put(Holds.SENT, "soon").put(Holds.SENT_REAL, 0).toBuffer(), MqttQoS.AT_LEAST_ONCE, false, false).await();
        command("r1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(replyTo("r1")).isNotNull());

        JsonObject status = vertx.eventBus().<JsonObject>request(DeviceAddresses.of("vacuum-1"), DeviceAddresses.statusQuestion())
                .await().body();
        assertThat(status.getLong("malformedMessages")).as("%s", status).isEqualTo(1);
        assertThat(replyTo("r0")).isNull();
    }

    private void startTheDeviceOn(String stack) {
        DeviceModel vacuum = new DeviceModel("kept-vacuum", DeviceKind.VACUUM, null, null, stack, Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofDays(365),
                List.of(new FunctionSpec("clean-from-app", FunctionPath.CLOUD, Trigger.APP, null, FunctionRole.PRIMARY)), null,
                new ReconnectPolicy(Duration.ofSeconds(6), 1.0, Duration.ofSeconds(6), null, 0), null,
                new MqttSessionPolicy(false, Duration.ofHours(1)));
        vertx.deployVerticle(new DeviceVerticle("vacuum-1", vacuum, link.host(), link.port(), clock, null)).await();
        await().atMost(Duration.ofSeconds(10)).until(() -> count(ConnectionObserved.Change.UP) == 1);
    }

    /** The app's request, as the phone app sends it: through the commands service, which stamps when it sent it on. */
    private void command(String requestId) {
        app.publish(CloudTopics.COMMAND_REQUEST, new JsonObject().put("requestId", requestId).put("deviceId", "vacuum-1")
                .put("function", "clean-from-app").toBuffer(), MqttQoS.AT_LEAST_ONCE, false, false).await();
    }

    private long count(ConnectionObserved.Change change) {
        return seen.stream().filter(observed -> observed.change() == change).count();
    }
}
