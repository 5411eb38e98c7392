package io.cloudcut.cloud;

import io.cloudcut.scenario.Rate;
import io.cloudcut.scenario.ScenarioClock;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/**
 * A request-rate capacity on the scenario clock: waiting work is let through one piece per
 * {@link Rate#interval()} of scenario time, up to {@code queue} pieces wait their turn, and the
 * rest is turned away. The rate is in scenario time because what it meets (token renewals, status
 * reports) runs on that clock; its deadlines keep their scenario moments when the scale changes,
 * so the real pace follows the scale. Runs on its service's event loop ({@code onServiceLoop}).
 */
final class Throttle {

    private final ScenarioClock clock;
    private final Executor onServiceLoop;
    private final Rate rate;
    private final int queue;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    /**
     * Armed only while work waits: an idle throttle ticking at a fast rate and scale would flood
     * its event loop with empty turns (2/s at 3600x is 7,200 a real second). The first of a burst
     * therefore waits one interval.
     */
    private ScenarioClock.Timer pace;

    Throttle(ScenarioClock clock, Executor onServiceLoop, Rate rate, int queue) {
        this.clock = clock;
        this.onServiceLoop = onServiceLoop;
        this.rate = rate;
        this.queue = queue;
    }

    /** Queues the work; false when the queue is full and the work is turned away. */
    boolean offer(Runnable work) {
        if (waiting.size() >= queue) {
            return false;
        }
        waiting.add(work);
        if (pace == null) {
            pace = clock.every(rate.interval(), onServiceLoop, this::letOneThrough);
        }
        return true;
    }

    /** Stops throttling: what still waits runs now, in order. */
    void release() {
        stopPacing();
        while (!waiting.isEmpty()) {
            waiting.poll().run();
        }
    }

    /** The pace runs only while work waits (it stops with the last piece), so there is always a piece here. */
    private void letOneThrough() {
        Runnable next = waiting.poll();
        if (waiting.isEmpty()) {
            stopPacing();
        }
        next.run();
    }

    private void stopPacing() {
        if (pace != null) {
            pace.cancel();
            pace = null;
        }
    }
}
