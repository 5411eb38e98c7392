package io.cloudcut.harness;

import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Starts many items on an event loop in turns, each turn a task of its own holding at most a given
 * weight (and at least one item), the next turn queued behind whatever came meanwhile: timers, I/O,
 * answers. Queued as one task each, a recovery's first rounds of 4,500 devices (27,000 probes) ran
 * back to back on the harness's event loop and stalled it for about 1 s, past the 1 s a device's
 * connection allows; the clock stood still, and the run was not healthy. Turns may also be
 * {@link #spaced}, to hold a rate.
 */
final class Turns {

    private Turns() {
    }

    /**
     * Runs the tasks handed over on {@code executor} on a schedule, the first {@code apart} from now and
     * each next one {@code apart} after the one before was due: turns passed through it keep a rate. One
     * late behind a busy loop is followed by the next as soon as it is due, not a full spacing after (a
     * chained delay slipped 4,500 devices' first rounds from 2.7 s to 3.9 s). The delay is rounded up to
     * the timer's whole milliseconds: rounded down, a turn started up to a millisecond before it was due.
     */
    static Executor spaced(Vertx vertx, Executor executor, Duration apart) {
        long[] dueNanos = {System.nanoTime()};
        return task -> executor.execute(() -> {
            dueNanos[0] += apart.toNanos();
            vertx.setTimer(timerMillis(dueNanos[0] - System.nanoTime()), timer -> task.run());
        });
    }

    /** A timer's delay for what is left until due: whole milliseconds rounded up, and at least one. */
    static long timerMillis(long nanosToDue) {
        return Math.max(1, (nanosToDue + 999_999) / 1_000_000);
    }

    static <T> void start(Iterator<T> items, ToIntFunction<T> weight, int weightATurn, Consumer<T> start, Executor executor) {
        executor.execute(() -> turn(items, weight, weightATurn, start, executor));
    }

    private static <T> void turn(Iterator<T> items, ToIntFunction<T> weight, int weightATurn, Consumer<T> start, Executor executor) {
        int taken = 0;
        while (items.hasNext() && taken < weightATurn) {
            T item = items.next();
            start.accept(item);
            taken += weight.applyAsInt(item);
        }
        if (items.hasNext()) {
            executor.execute(() -> turn(items, weight, weightATurn, start, executor));
        }
    }
}
