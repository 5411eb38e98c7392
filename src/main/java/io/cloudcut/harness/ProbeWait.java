package io.cloudcut.harness;

import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Vertx;

import java.time.Duration;

/**
 * A probe's wait for an answer, in real time, not counting the time scenario time stood still for a
 * stalled harness ({@link ScenarioClock#held()}): an answer late because the harness's own event loops
 * were late is the harness's, not the device's, as the clock does not run on through such a stall. A
 * wait is drawn out by at most {@link #MOST_DRAWN_OUT}: a harness stalled for longer is not healthy,
 * which the run says, and the probe then expires.
 */
final class ProbeWait {

    static final Duration MOST_DRAWN_OUT = Duration.ofSeconds(10);

    private ProbeWait() {
    }

    /** Runs {@code expire} on the caller's context once {@code wait} has passed with the harness alive. */
    static void expireAfter(Vertx vertx, ScenarioClock clock, Duration wait, Runnable expire) {
        expireAfter(vertx, clock, wait, MOST_DRAWN_OUT, expire);
    }

    /** As {@link #expireAfter(Vertx, ScenarioClock, Duration, Runnable)}, drawn out by at most {@code drawnOutLeft}. */
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
}
