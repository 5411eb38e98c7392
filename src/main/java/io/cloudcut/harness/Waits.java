package io.cloudcut.harness;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** The harness thread's waits until a point on the timeline; it is a plain thread, never an event loop. */
final class Waits {

    private Waits() {
    }

    static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }

    /** Waits until the clock's real time reaches {@code deadlineNanos} ({@link System#nanoTime()} scale). */
    static void until(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
