package io.cloudcut.harness;

import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Starts many items on an event loop in turns, each turn a task of its own holding at most a given
 * weight (and at least one item), the next turn queued behind whatever came meanwhile: timers, I/O,
 * answers. Queued as one task each, a recovery's first rounds of 4,500 devices (27,000 probes) ran
 * back to back on the harness's event loop and stalled it for 1.0-1.6 s, past the 1 s a device's
 * connection allows; the clock stood still, and the run was not healthy.
 */
final class Turns {

    private Turns() {
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
