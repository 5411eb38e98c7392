package io.cloudcut.cloud;

import io.cloudcut.scenario.CloudSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** How far behind the cloud is, from its services' canaries, answered on the event bus as the services answer. */
class CloudControlTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void theCloudIsAsFarBehindAsItsServiceFurthestBehind_leavingOutOneThatNeverGotACanaryBack() throws Exception {
        answer("ingest", new JsonObject().put("arrived", 40).put("behindMillis", 350));
        answer("auth", new JsonObject().put("arrived", 40).put("behindMillis", 2));
        answer("notify", new JsonObject().put("arrived", 0).put("behindMillis", 60_000));
        CloudControl cloud = new CloudControl(vertx, new ServiceGraph(new CloudSpec(Path.of("three.yaml"), Map.of(
                "ingest", new CloudSpec.ServiceSpec(List.of()), "auth", new CloudSpec.ServiceSpec(List.of()),
                "notify", new CloudSpec.ServiceSpec(List.of())), false)));

        assertThat(cloud.furthestBehindMillis().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS))
                .isEqualTo(350);
    }

    private void answer(String service, JsonObject canary) {
        vertx.eventBus().<JsonObject>consumer(CloudControl.canaryAddress(service), ask -> ask.reply(canary));
    }
}
