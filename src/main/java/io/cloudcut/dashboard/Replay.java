package io.cloudcut.dashboard;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.Observation;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.function.Consumer;

/**
 * A finished run's observations fed to a board again at the pace its scenario clock ran (each
 * stretch of scenario time divided by the scale the clock had then, from the clock observations),
 * {@code speed} times faster. The fleet's start and the harness's own pauses took real time that is
 * not in the observations, so a replay at speed 1 is somewhat shorter than the run was.
 */
final class Replay {

    private static final long STEP_MILLIS = 100;

    private final List<Observation> observations;
    /** When each observation comes, in real milliseconds since the replay began (at speed 1). */
    private final double[] dueMillis;
    private final double speed;
    private int next;

    Replay(List<Observation> observations, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("the replay speed must be above 0, not " + speed);
        }
        this.observations = List.copyOf(observations);
        this.speed = speed;
        dueMillis = new double[observations.size()];
        double scale = 1;
        double wall = 0;
        long last = 0;
        for (int i = 0; i < observations.size(); i++) {
            Observation observation = observations.get(i);
            // observations from several threads are logged nearly, not exactly, in scenario-time order
            if (observation.atMillis() > last) {
                wall += (observation.atMillis() - last) / scale;
                last = observation.atMillis();
            }
            dueMillis[i] = wall;
            if (observation instanceof ClockObserved clock && clock.scale() > 0) {
                scale = clock.scale();
            }
        }
    }

    /** Feeds {@code board} from now on, on {@code vertx}'s timers; {@code done} runs after the last observation. */
    void play(Vertx vertx, Consumer<Observation> board, Runnable done) {
        long startedNanos = System.nanoTime();
        vertx.setPeriodic(0, STEP_MILLIS, timer -> {
            double now = (System.nanoTime() - startedNanos) / 1e6 * speed;
            while (next < observations.size() && dueMillis[next] <= now) {
                board.accept(observations.get(next++));
            }
            if (next == observations.size()) {
                vertx.cancelTimer(timer);
                done.run();
            }
        });
    }
}
