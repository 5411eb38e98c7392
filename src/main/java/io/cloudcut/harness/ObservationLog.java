package io.cloudcut.harness;

import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ObservationCodec;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Everything observed during a run, in arrival order: what devices publish and what the harness records. */
final class ObservationLog {

    private final List<Observation> observations = new ArrayList<>();
    private final List<Consumer<Observation>> watchers = new CopyOnWriteArrayList<>();
    private MessageConsumer<JsonObject> consumer;

    void listen(Vertx vertx) {
        consumer = vertx.eventBus().localConsumer(ObservationCodec.ADDRESS, message -> add(ObservationCodec.decode(message.body())));
    }

    void stopListening() {
        if (consumer != null) {
            consumer.unregister();
        }
    }

    void add(Observation observation) {
        synchronized (this) {
            observations.add(observation);
        }
        watchers.forEach(watcher -> watcher.accept(observation));
    }

    /** Hears every observation from now on, on whichever thread adds it: it must not block. */
    void watch(Consumer<Observation> watcher) {
        watchers.add(watcher);
    }

    void unwatch(Consumer<Observation> watcher) {
        watchers.remove(watcher);
    }

    synchronized List<Observation> snapshot() {
        return List.copyOf(observations);
    }

    synchronized List<Observation> since(int index) {
        return new ArrayList<>(observations.subList(Math.min(index, observations.size()), observations.size()));
    }
}
