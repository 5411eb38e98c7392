package io.cloudcut.cloud;

import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A request-rate capacity: work runs at most {@code rate} times per second, up to {@code queue}
 * pieces wait their turn, and the rest is turned away. Runs on its service's event loop.
 */
final class Throttle {

    private final Vertx vertx;
    private final int queue;
    private final long timer;
    private final Deque<Runnable> waiting = new ArrayDeque<>();

    Throttle(Vertx vertx, double rate, int queue) {
        this.vertx = vertx;
        this.queue = queue;
        this.timer = vertx.setPeriodic(Math.max(1, (long) (1000 / rate)), tick -> {
            Runnable next = waiting.poll();
            if (next != null) {
                next.run();
            }
        });
    }

    /** Queues the work; false when the queue is full and the work is turned away. */
    boolean offer(Runnable work) {
        if (waiting.size() >= queue) {
            return false;
        }
        waiting.add(work);
        return true;
    }

    /** Stops throttling: what still waits runs now, in order. */
    void release() {
        vertx.cancelTimer(timer);
        while (!waiting.isEmpty()) {
            waiting.poll().run();
        }
    }
}
