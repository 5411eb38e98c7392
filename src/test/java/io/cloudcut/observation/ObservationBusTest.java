package io.cloudcut.observation;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Observations reach every listener of their process as the records that were made, with no JSON between. */
class ObservationBusTest {

    private final List<Vertx> opened = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (Vertx vertx : opened) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyListenerHearsTheRecordItselfPublishedFromAnotherContext() {
        Vertx vertx = open();
        List<Observation> first = new CopyOnWriteArrayList<>();
        List<Observation> second = new CopyOnWriteArrayList<>();
        ObservationBus.listen(vertx, first::add);
        ObservationBus.listen(vertx, second::add);
        ProbeObserved probe = new ProbeObserved(7, "outage", 1, false, "vacuum-1", "vacuum", "clean-button", "local",
                ProbeOutcome.OK, 3, 0, 0, 0, "");

        vertx.runOnContext(onALoop -> ObservationBus.publish(vertx, probe));

        await().atMost(Duration.ofSeconds(10)).until(() -> first.size() == 1 && second.size() == 1);
        assertThat(first.get(0)).isSameAs(probe);
        assertThat(second.get(0)).isSameAs(probe);
    }

    @Test
    void publishersOfSeveralVertxInstancesCarryOnEachAtOnceWithoutRegisteringTwice() throws Exception {
        List<Vertx> instances = List.of(open(), open());
        List<Observation> heard = new CopyOnWriteArrayList<>();
        ExecutorService starters = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> carried = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                Vertx vertx = instances.get(i % 2);
                carried.add(starters.submit(() -> ObservationBus.carry(vertx)));
            }
            for (Future<?> each : carried) {
                each.get(10, TimeUnit.SECONDS); // a second registration of the codec would throw here
            }
        } finally {
            starters.shutdownNow();
        }
        instances.forEach(vertx -> ObservationBus.listen(vertx, heard::add));

        instances.forEach(vertx -> ObservationBus.publish(vertx, new RunEndedObserved(1, 2)));

        await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 2);
        assertThat(heard).containsOnly(new RunEndedObserved(1, 2));
    }

    private Vertx open() {
        Vertx vertx = Vertx.vertx();
        opened.add(vertx);
        return vertx;
    }
}
