package io.cloudcut.mqtt;

import io.cloudcut.scenario.ScenarioClock;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A device connection's wait before its next connect attempt, a deadline on the scenario clock:
 * backoff is the firmware's time, so the wait follows the clock's scale however often the scale
 * changes meanwhile (real time around a transition, then the ramp). Every stack waits here,
 * whoever computes the delay: the model's policy (Vert.x), HiveMQ's own backoff, Paho's rule.
 * <p>
 * One wait at a time: a new one calls off the one pending, and ends the attempt that came of the last
 * ({@link ScenarioClock.Attempt}), as connecting does. Closing calls off the pending wait and
 * every later one, so that nothing reconnects a closed connection. Thread-safe: HiveMQ asks on its
 * own threads, the other stacks on the device context.
 */
final class ReconnectSchedule {

    private final ScenarioClock clock;
    private long attemptStartedAtMillis;
    private long attemptStartedNanos = System.nanoTime();
    private CompletableFuture<Void> pending;
    private ScenarioClock.Attempt deadline;
    private boolean closed;

    ReconnectSchedule(ScenarioClock clock) {
        this.clock = clock;
    }

    /**
     * Completes, on the clock's thread, once {@code delay} of scenario time has passed; is cancelled
     * instead if called off first. Whatever depends on it must hop to its own thread and must not block.
     */
    synchronized CompletableFuture<Void> after(Duration delay) {
        callOffPending();
        CompletableFuture<Void> due = new CompletableFuture<>();
        if (closed) {
            due.cancel(false);
            return due;
        }
        pending = due;
        deadline = clock.scheduleAttempt(delay, Runnable::run, () -> {
            attemptStarting();
            due.complete(null);
        });
        return due;
    }

    /** A connect attempt begins now: the first one, or one after a wait. */
    synchronized void attemptStarting() {
        attemptStartedAtMillis = clock.nowMillis();
        attemptStartedNanos = System.nanoTime();
    }

    /** The attempt begun last, which has just connected: its place among the attempts run at once goes to the next. */
    synchronized ConnectAttempt attemptThatConnected() {
        if (deadline != null) {
            deadline.ended();
        }
        return new ConnectAttempt(attemptStartedAtMillis, (System.nanoTime() - attemptStartedNanos) / 1_000_000);
    }

    /** Calls off the pending wait; no wait completes from now on. */
    synchronized void close() {
        closed = true;
        callOffPending();
    }

    private void callOffPending() {
        if (pending != null) {
            deadline.cancel();
            pending.cancel(false);
            pending = null;
        }
    }
}
