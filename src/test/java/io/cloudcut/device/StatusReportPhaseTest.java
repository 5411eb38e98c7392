package io.cloudcut.device;

import io.cloudcut.cloud.CloudTopics;
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
import io.vertx.mqtt.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Devices on a real broker send their first status report at a phase of their own ({@link BootPhase}),
 * not all one period after they started: two devices started together report apart.
 */
class StatusReportPhaseTest {

    private static final Duration STATUS_EVERY = Duration.ofHours(1);
    /** 3600x: an hour of scenario time is a second of real time, and a loaded machine's 200 ms of scheduling 12 min. */
    private static final Duration LATE_BY_SCHEDULING = Duration.ofMinutes(20);

    private final Vertx vertx = Vertx.vertx();
    private Mosquitto broker;
    private ScenarioClock clock;

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (clock != null) {
            clock.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void twoDevicesStartedTogetherSendTheirFirstStatusReportEachAtItsOwnPhase() throws Exception {
        // Two devices whose phases are over half an hour apart.
        String early = idWhosePhaseIs(Duration.ZERO, Duration.ofMinutes(20));
        String late = idWhosePhaseIs(Duration.ofMinutes(50), STATUS_EVERY);
        broker = Mosquitto.start();
        Map<String, Long> firstReportAt = new ConcurrentHashMap<>();
        MqttClient listener = MqttClient.create(vertx);
        listener.publishHandler(message -> firstReportAt.putIfAbsent(message.topicName(), clock.nowMillis()));
        listener.connect(broker.port(), "127.0.0.1").compose(connected -> listener.subscribe(CloudTopics.INGEST_ALL, 1))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        // Started before the clock, as the harness starts a fleet: what the devices waited in real time
        // before it runs (well under a minute) counts off their first deadlines.
        clock = ScenarioClock.stopped();
        for (String device : List.of(early, late)) {
            vertx.deployVerticle(new DeviceVerticle(device, reportingVacuum(), "127.0.0.1", broker.port(), clock, null))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        clock.start(3600);

        await().atMost(Duration.ofSeconds(30)).until(() -> firstReportAt.size() == 2);
        for (String device : List.of(early, late)) {
            assertThat(firstReportAt.get(CloudTopics.ingest(device))).as("%s's first status report, in scenario ms", device)
                    .isBetween(BootPhase.firstRun(device, STATUS_EVERY).minusMinutes(1).toMillis(),
                            BootPhase.firstRun(device, STATUS_EVERY).plus(LATE_BY_SCHEDULING).toMillis());
        }
    }

    private static String idWhosePhaseIs(Duration from, Duration to) {
        return IntStream.range(0, 1_000).mapToObj(i -> "vacuum-" + i)
                .filter(id -> BootPhase.firstRun(id, STATUS_EVERY).compareTo(from) > 0
                        && BootPhase.firstRun(id, STATUS_EVERY).compareTo(to) <= 0)
                .findFirst().orElseThrow();
    }

    private static DeviceModel reportingVacuum() {
        return new DeviceModel("reporting-vacuum", DeviceKind.VACUUM, null, null, null, Duration.ofSeconds(30),
                Duration.ofSeconds(1), STATUS_EVERY,
                List.of(new FunctionSpec("clean-button", FunctionPath.LOCAL, null, null, FunctionRole.PRIMARY),
                        new FunctionSpec("status-report", FunctionPath.CLOUD, Trigger.DEVICE, null, null)), null,
                new ReconnectPolicy(Duration.ofMillis(200), 1.0, Duration.ofMillis(200), null, 0), null, null);
    }
}
