package io.cloudcut.harness;

import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The coordinator's side of a clustered run's clock standing still through a stall. Every {@link #EVERY}
 * each worker says that its own clock runs (none of its event loops is late), and the coordinator's clock
 * waits for a worker that stops saying so as it waits for a stalled loop of its own; the coordinator
 * publishes its pace as often, standing or not, and every worker stands with it. Without this a worker's
 * stall ran its devices' scenario time on while they handled nothing, and the coordinator's stall ran the
 * workers' on while no probe or fault moved. A worker silent for {@link #GIVE_UP_AFTER} is no longer waited
 * for: a worker that is gone must not hold the run forever.
 */
final class WorkerPulses implements AutoCloseable {

    static final Duration EVERY = Duration.ofMillis(20);
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final Map<String, ScenarioClock.Heartbeat> hearts = new ConcurrentHashMap<>();
    private final Map<String, Long> lastHeardNanos = new ConcurrentHashMap<>();
    private final MessageConsumer<JsonObject> alive;
    private final long givingUp;

    /** Waits for each of {@code workers}, who say they run at {@code address}, from now on. */
    WorkerPulses(Vertx vertx, ScenarioClock clock, String address, List<String> workers) {
        this.vertx = vertx;
        for (String worker : workers) {
            hearts.put(worker, clock.heartbeat());
            lastHeardNanos.put(worker, System.nanoTime());
        }
        alive = vertx.eventBus().consumer(address, said -> {
            String worker = said.body().getString("worker");
            ScenarioClock.Heartbeat heart = hearts.get(worker);
            if (heart != null) {
                lastHeardNanos.put(worker, System.nanoTime());
                heart.beat();
            }
        });
        givingUp = vertx.setPeriodic(GIVE_UP_AFTER.toMillis() / 5, tick -> lastHeardNanos.forEach((worker, heard) -> {
            if (System.nanoTime() - heard > GIVE_UP_AFTER.toNanos()) {
                stop(worker);
            }
        }));
    }

    /** The message a worker sends to say its clock runs. */
    static JsonObject alive(String worker) {
        return new JsonObject().put("worker", worker);
    }

    @Override
    public void close() {
        alive.unregister();
        vertx.cancelTimer(givingUp);
        List.copyOf(hearts.keySet()).forEach(this::stop);
    }

    private void stop(String worker) {
        ScenarioClock.Heartbeat heart = hearts.remove(worker);
        lastHeardNanos.remove(worker);
        if (heart != null) {
            heart.stop();
        }
    }
}
