package io.cloudcut.harness;

import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ObservationCodec;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Everything observed during a run, in arrival order: what devices publish and what the harness records. */
final class ObservationLog {

    private final List<Observation> observations = new ArrayList<>();
    private MessageConsumer<JsonObject> consumer;

    void listen(Vertx vertx) {
        consumer = vertx.eventBus().consumer(ObservationCodec.ADDRESS, message -> add(ObservationCodec.decode(message.body())));
    }

    void stopListening() {
        if (consumer != null) {
            consumer.unregister();
        }
    }

    synchronized void add(Observation observation) {
        observations.add(observation);
    }

    synchronized List<Observation> snapshot() {
        return List.copyOf(observations);
    }

    synchronized List<Observation> since(int index) {
        return new ArrayList<>(observations.subList(Math.min(index, observations.size()), observations.size()));
    }
}
