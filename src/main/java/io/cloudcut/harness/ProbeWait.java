package io.cloudcut.harness;

import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A probe's wait for an answer ({@link ProbePatience}). In real time it does not count the time scenario time stood
 * still for a stalled harness ({@link ScenarioClock#held()}): an answer late because the harness's own event loops
 * were late is the harness's, not the device's, as the clock does not run on through such a stall. A wait is drawn
 * out by at most {@link #MOST_DRAWN_OUT}: a harness stalled for longer is not healthy, which the run says, and the
 * probe then expires.
 * <p>
 * Then, for a wait on the scenario clock, until its {@code lostAfter} has passed since it began or its phase ended,
 * for at most its {@code mostOnTheClock} of real time more: {@code lostAfter} at the run's scale and
 * {@link #MOST_ON_THE_SCENARIO_CLOCK}; a clock held at real time (for a transition, or a cloud behind) would otherwise
 * keep a probe waiting for the scenario's hour in real time.
 */
final class ProbeWait {

    static final Duration MOST_DRAWN_OUT = Duration.ofSeconds(10);
    static final Duration MOST_ON_THE_SCENARIO_CLOCK = Duration.ofSeconds(30);

    private ProbeWait() {
    }

    /** Runs {@code expire} on the caller's context once the wait is over with no answer. */
    static void expireAfter(Vertx vertx, ScenarioClock clock, ProbePatience patience, Runnable expire) {
        Duration from = clock.now();
        Runnable afterRealTime = !patience.onTheScenarioClock() || !clock.started() ? expire
                : () -> onTheScenarioClock(vertx, clock, patience.waitsUntil(from), patience.mostOnTheClock(), expire);
        expireAfter(vertx, clock, patience.timeout(), MOST_DRAWN_OUT, afterRealTime);
    }

    /** A wait of {@code wait} in real time, drawn out by the time the clock stands still during it, by at most {@code drawnOutLeft}. */
    static void expireAfter(Vertx vertx, ScenarioClock clock, Duration wait, Duration drawnOutLeft, Runnable expire) {
        Duration heldBefore = clock.held();
        vertx.setTimer(Math.max(1, wait.toMillis()), fired -> {
            Duration stoodStill = clock.held().minus(heldBefore);
            Duration more = stoodStill.compareTo(drawnOutLeft) < 0 ? stoodStill : drawnOutLeft;
            if (more.toMillis() < 1) {
                expire.run();
            } else {
                expireAfter(vertx, clock, more, drawnOutLeft.minus(more), expire);
            }
        });
    }

    private static void onTheScenarioClock(Vertx vertx, ScenarioClock clock, Duration until, Duration mostOnIt, Runnable expire) {
        Duration left = until.minus(clock.now());
        if (left.isNegative() || left.isZero()) {
            expire.run();
            return;
        }
        Context context = vertx.getOrCreateContext();
        AtomicBoolean expired = new AtomicBoolean();
        AtomicReference<ScenarioClock.Timer> reached = new AtomicReference<>();
        long limit = vertx.setTimer(Math.max(1, mostOnIt.toMillis()), fired -> {
            reached.get().cancel();
            once(expired, expire);
        });
        reached.set(clock.schedule(left, action -> context.runOnContext(on -> action.run()), () -> {
            vertx.cancelTimer(limit);
            once(expired, expire);
        }));
    }

    private static void once(AtomicBoolean expired, Runnable expire) {
        if (expired.compareAndSet(false, true)) {
            expire.run();
        }
    }
}
