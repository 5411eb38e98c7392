package io.cloudcut.device;

import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.cloud.Holds;
import io.cloudcut.fault.FaultProxy;
import io.cloudcut.fault.Link;
import io.cloudcut.fault.LinkFaults;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.EventsObserved;
import io.cloudcut.observation.ObservationBus;
import io.cloudcut.scenario.DeviceKind;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FunctionPath;
import io.cloudcut.scenario.FunctionRole;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.ReconnectPolicy;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.Trigger;
import io.cloudcut.testing.Mosquitto;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A device on its link through the fault proxy to a real broker: each link fault has its own effect
 * on the device. The device here is idle (no status reports), so only MQTT keepalive can reveal a
 * silent link.
 */
class DeviceOnFaultyLinkTest {

    private static final Duration KEEPALIVE = Duration.ofSeconds(2);

    private Mosquitto broker;
    private Vertx vertx;
    private FaultProxy proxy;
    private Link link;
    private final List<ConnectionObserved> seen = new CopyOnWriteArrayList<>();
    private final List<EventsObserved> accounts = new CopyOnWriteArrayList<>();
    private String deployment;

    @BeforeEach
    void startADeviceOnItsLink() throws Exception {
        broker = Mosquitto.start();
        vertx = Vertx.vertx();
        proxy = FaultProxy.create("127.0.0.1", broker.port());
        link = proxy.openLink("vacuum-1");
        ObservationBus.listen(vertx, observation -> {
            if (observation instanceof ConnectionObserved connection) {
                seen.add(connection);
            } else if (observation instanceof EventsObserved account) {
                accounts.add(account);
            }
        });
        DeviceModel idleVacuum = new DeviceModel("idle-vacuum", DeviceKind.VACUUM, null, null, null, KEEPALIVE,
                Duration.ofSeconds(1), Duration.ofDays(365),
                List.of(new FunctionSpec("clean-button", FunctionPath.LOCAL, null, null, FunctionRole.PRIMARY),
                        new FunctionSpec("status-report", FunctionPath.CLOUD, Trigger.DEVICE, null, null)), null,
                new ReconnectPolicy(Duration.ofMillis(200), 1.0, Duration.ofMillis(200), null, 0), null, null);
        deployment = vertx.deployVerticle(new DeviceVerticle("vacuum-1", idleVacuum, link.host(), link.port(),
                ScenarioClock.running(1), null)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(ConnectionObserved.Change.UP) == 1);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        proxy.close();
        broker.close();
    }

    @Test
    void aBlackholeIsNoticedOnlyThroughKeepalive() {
        long appliedAt = System.nanoTime();
        link.apply(LinkFaults.named("blackhole"));
        await().during(KEEPALIVE.minusMillis(500)).atMost(Duration.ofSeconds(15))
                .until(() -> count(ConnectionObserved.Change.DOWN) == 0);
        await().atMost(Duration.ofSeconds(15)).until(() -> count(ConnectionObserved.Change.DOWN) == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - appliedAt)).isGreaterThanOrEqualTo(KEEPALIVE);
    }

    @Test
    void aResetIsNoticedAtOnce() {
        link.apply(LinkFaults.named("reset"));
        await().atMost(KEEPALIVE.minusMillis(500)).until(() -> count(ConnectionObserved.Change.DOWN) == 1);
        link.restore();
        await().atMost(Duration.ofSeconds(10)).until(() -> count(ConnectionObserved.Change.UP) == 2);
    }

    @Test
    void aRefusalBlocksReconnectsUntilRestored() {
        link.apply(LinkFaults.named("refuse"));
        await().atMost(KEEPALIVE.minusMillis(500)).until(() -> count(ConnectionObserved.Change.DOWN) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(15))
                .until(() -> count(ConnectionObserved.Change.UP) == 1);
        link.restore();
        await().atMost(Duration.ofSeconds(10)).until(() -> count(ConnectionObserved.Change.UP) == 2);
    }

    @Test
    void anEventOnItsWayWhenTheRunEndsIsDeliveredNotLeftBuffered() throws Exception {
        link.apply(LinkFaults.create("latency", java.util.Map.of("latency", 300), null));
        vertx.eventBus().request(DeviceAddresses.of("vacuum-1"), new JsonObject().put("function", "status-report"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(5)).until(() -> !accounts.isEmpty());
        EventsObserved last = accounts.get(accounts.size() - 1);
        assertThat(last.generated()).isEqualTo(1);
        assertThat(last.delivered()).as("its PUBACK came 0.6 s after it was sent, within the device's last 2 s").isEqualTo(1);
        assertThat(last.buffered()).isZero();
    }

    @Test
    void anOfflineDeviceStopsAtOnceWithWhatItHoldsBuffered() throws Exception {
        link.apply(LinkFaults.named("reset"));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(ConnectionObserved.Change.DOWN) == 1);
        link.apply(LinkFaults.named("refuse"));
        vertx.eventBus().request(DeviceAddresses.of("vacuum-1"), new JsonObject().put("function", "status-report"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(5)).until(() -> !accounts.isEmpty());
        EventsObserved last = accounts.get(accounts.size() - 1);
        assertThat(last.delivered()).isZero();
        assertThat(last.buffered()).as("nothing could carry it").isEqualTo(1);
    }

    /**
     * An event that waited in the offline buffer says how long, on the device's scenario clock and in real time, as a
     * throttled cloud service does: a probe counts the wait at its scenario length. One sent at once says nothing.
     */
    @Test
    void anEventThatWaitedForAConnection_saysHowLongItWasHeld() throws Exception {
        List<JsonObject> ingested = new CopyOnWriteArrayList<>();
        MqttClient ingest = MqttClient.create(vertx);
        ingest.publishHandler(message -> ingested.add(message.payload().toJsonObject()));
        ingest.connect(broker.port(), "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ingest.subscribe(CloudTopics.ingest("vacuum-1"), 1).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        JsonObject statusReport = new JsonObject().put("function", "status-report");
        vertx.eventBus().request(DeviceAddresses.of("vacuum-1"), statusReport).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> ingested.size() == 1);

        link.apply(LinkFaults.named("reset"));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(ConnectionObserved.Change.DOWN) == 1);
        link.apply(LinkFaults.named("refuse"));
        vertx.eventBus().request(DeviceAddresses.of("vacuum-1"), statusReport).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        link.restore();
        await().atMost(Duration.ofSeconds(15)).until(() -> ingested.size() == 2);

        assertThat(ingested.get(0).containsKey(Holds.HELD)).as("sent at once: %s", ingested.get(0)).isFalse();
        JsonObject buffered = ingested.get(1);
        assertThat(buffered.getLong(Holds.HELD)).as("held until the device was back: %s", buffered).isPositive();
        assertThat(buffered.getLong(Holds.HELD)).as("on a clock at real time").isCloseTo(buffered.getLong(Holds.HELD_REAL), within(300L));
    }

    private long count(ConnectionObserved.Change change) {
        return seen.stream().filter(observed -> observed.change() == change).count();
    }
}
