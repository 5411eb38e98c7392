package io.cloudcut.device;

import io.cloudcut.cloud.Cloud;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.ObservationBus;
import io.cloudcut.observation.SessionObserved;
import io.cloudcut.scenario.CloudSpec;
import io.cloudcut.scenario.DeviceKind;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FunctionPath;
import io.cloudcut.scenario.FunctionRole;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.testing.Mosquitto;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Before the clock starts, a device whose sign-in went unanswered would ask again only a quarter of its token's life
 * later, in real time (15 min for this one's hour): asked to sign in again, it asks auth at once. Its first request
 * here is lost for real: it went out before auth had subscribed.
 */
class SignInAgainTest {

    private Mosquitto broker;
    private final Vertx vertx = Vertx.vertx();
    private final ScenarioClock clock = ScenarioClock.stopped();

    @BeforeEach
    void startBroker() throws Exception {
        broker = Mosquitto.start();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await();
        clock.close();
        broker.close();
    }

    @Test
    void aDeviceAskedToSignInAgainAsksAuthAtOnce() {
        List<ConnectionObserved> connections = new CopyOnWriteArrayList<>();
        List<SessionObserved> sessions = new CopyOnWriteArrayList<>();
        ObservationBus.listen(vertx, observation -> {
            if (observation instanceof ConnectionObserved connection) {
                connections.add(connection);
            } else if (observation instanceof SessionObserved session) {
                sessions.add(session);
            }
        });
        DeviceModel vacuum = new DeviceModel("vacuum", DeviceKind.VACUUM, null, null, null, Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofDays(365),
                List.of(new FunctionSpec("clean-button", FunctionPath.LOCAL, null, null, FunctionRole.PRIMARY)),
                null, null, null, null);
        vertx.deployVerticle(new DeviceVerticle("vacuum-1", vacuum, "127.0.0.1", broker.port(), clock, null)).await();
        await().atMost(Duration.ofSeconds(20)).until(() -> !connections.isEmpty());
        Cloud.deploy(vertx, new CloudSpec(Path.of("auth-only.yaml"), Map.of("auth", new CloudSpec.ServiceSpec(List.of())), false),
                "127.0.0.1", broker.port(), clock, service -> null).await();
        assertThat(sessions).as("the first sign-in, sent before auth listened").isEmpty();

        JsonObject reply = vertx.eventBus().<JsonObject>request(DeviceAddresses.of("vacuum-1"), DeviceAddresses.signInAgain())
                .await().body();

        assertThat(reply.getBoolean("asked")).isTrue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sessions).extracting(SessionObserved::change)
                .containsExactly(SessionObserved.Change.ACQUIRED));
    }
}
