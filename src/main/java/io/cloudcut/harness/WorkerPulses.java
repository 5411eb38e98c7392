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
 * each worker says whether its own clock runs (none of its event loops is late) or stands, and the
 * coordinator's clock waits for a worker that does not say it runs as it waits for a stalled loop of its
 * own; the coordinator publishes its pace as often, standing or not, and every worker stands with it.
 * Without this a worker's stall ran its devices' scenario time on while they handled nothing, and the
 * coordinator's stall ran the workers' on while no probe or fault moved. A worker that says nothing at all
 * for {@link #GIVE_UP_AFTER} is no longer waited for until it speaks again: one that is gone must not hold
 * the run forever, while one that stands through a long storm keeps being waited for.
 */
final class WorkerPulses implements AutoCloseable {

    static final Duration EVERY = Duration.ofMillis(20);
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final Map<String, ScenarioClock.Heartbeat> hearts = new ConcurrentHashMap<>();
    private final Map<String, Long> lastHeardNanos = new ConcurrentHashMap<>();
    private final MessageConsumer<JsonObject> heard;
    private volatile boolean closed;
    private final long givingUp;

    /** Waits for each of {@code workers}, who say whether they run at {@code address}, from now on. */
    WorkerPulses(Vertx vertx, ScenarioClock clock, String address, List<String> workers) {
        this.vertx = vertx;
        for (String worker : workers) {
            hearts.put(worker, clock.heartbeat());
            lastHeardNanos.put(worker, System.nanoTime());
        }
        heard = vertx.eventBus().consumer(address, said -> {
            String worker = said.body().getString("worker");
            if (closed || !workers.contains(worker)) {
                return;
            }
            lastHeardNanos.put(worker, System.nanoTime());
            ScenarioClock.Heartbeat heart = hearts.computeIfAbsent(worker, back -> clock.heartbeat());
            if (!said.body().getBoolean("standing")) {
                heart.beat();
            }
        });
        givingUp = vertx.setPeriodic(GIVE_UP_AFTER.toMillis() / 5, tick -> lastHeardNanos.forEach((worker, lastHeard) -> {
            if (System.nanoTime() - lastHeard > GIVE_UP_AFTER.toNanos()) {
                stop(worker);
            }
        }));
    }

    /** What a worker says every {@link #EVERY}: whether its clock stands still now for a late loop of its own. */
    static JsonObject pulse(String worker, boolean standing) {
        return new JsonObject().put("worker", worker).put("standing", standing);
    }

    @Override
    public void close() {
        closed = true;
        heard.unregister();
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
