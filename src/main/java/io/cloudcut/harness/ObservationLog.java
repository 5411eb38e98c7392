package io.cloudcut.harness;

import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ObservationBus;
import io.cloudcut.report.RunFold;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Everything observed during a run, in arrival order: what devices publish and what the harness
 * records. Nothing is kept as it came: each observation is folded into the run's report
 * ({@link RunFold}) and handed to whoever watches (the observations file, progress, readiness).
 */
final class ObservationLog {

    private final RunFold fold = new RunFold();
    private final List<Consumer<Observation>> watchers = new CopyOnWriteArrayList<>();
    private MessageConsumer<Observation> consumer;

    void listen(Vertx vertx) {
        consumer = ObservationBus.listen(vertx, this::add);
    }

    void stopListening() {
        if (consumer != null) {
            consumer.unregister();
        }
    }

    void add(Observation observation) {
        synchronized (fold) {
            fold.accept(observation);
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

    /** The run folded so far; once the run has ended, nothing adds to it. */
    RunFold folded() {
        synchronized (fold) {
            return fold;
        }
    }
}
