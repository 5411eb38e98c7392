package io.cloudcut.mqtt;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.impl.CleanableNetClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * A NetClient made in a device's verticle, then closed, is not held by the verticle's context: a device that
 * reconnects for a whole run does not keep every attempt's client (eclipse-vertx/vert.x#6311).
 */
class NetClientsLeftToTheirOwnersTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void aClosedClientMadeInAVerticleCanBeCollectedWhileTheVerticleRuns() {
        AtomicReference<WeakReference<Object>> made = new AtomicReference<>();
        vertx.deployVerticle(new VerticleBase() {
            @Override
            public Future<?> start() {
                NetClient client = new NetClientsLeftToTheirOwners(vertx).createNetClient(new NetClientOptions());
                made.set(new WeakReference<>(((CleanableNetClient) client).unwrap()));
                return client.close();
            }
        }).await();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            System.gc();
            return made.get().get() == null;
        });
    }
}
