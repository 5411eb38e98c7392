package io.cloudcut.harness;

import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A probe's wait does not count the time the clock stood still for a stalled harness: a heartbeat that
 * stops beating (an event loop late) holds the clock, and the wait is drawn out by as long.
 */
class ProbeWaitTest {

    private static final Duration WAIT = Duration.ofMillis(300);

    private Vertx vertx;
    private ScenarioClock clock;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        clock = ScenarioClock.running(1);
    }

    @AfterEach
    void stop() throws Exception {
        clock.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void aWaitWithTheHarnessAlive_expiresAfterItsTime() throws Exception {
        long started = System.nanoTime();

        long expiredAfterMillis = expiry(started).get(20, TimeUnit.SECONDS);

        assertThat(expiredAfterMillis).isGreaterThanOrEqualTo(WAIT.toMillis());
        assertThat(clock.held()).isZero();
    }

    @Test
    void aWaitThroughAStall_isDrawnOutByTheTimeTheClockStoodStill() throws Exception {
        ScenarioClock.Heartbeat late = clock.heartbeat(); // beats once, now, then not again until stopped
        long started = System.nanoTime();
        CompletableFuture<Long> expired = expiry(started);
        long stallEndsMillis = 900;
        vertx.setTimer(stallEndsMillis, over -> late.stop());

        long expiredAfterMillis = expired.get(20, TimeUnit.SECONDS);

        assertThat(clock.held()).as("the clock stood still for the late heartbeat")
                .isGreaterThanOrEqualTo(Duration.ofMillis(stallEndsMillis - ScenarioClock.HOLD_AFTER.toMillis() - 100));
        assertThat(expiredAfterMillis).as("expired after the stall, not at its own %s", WAIT)
                .isGreaterThanOrEqualTo(stallEndsMillis);
    }

    /** A harness that never comes back: the wait is drawn out by its limit, and then expires all the same. */
    @Test
    void aWaitThroughAStallThatDoesNotEnd_expiresOnceDrawnOutByItsLimit() throws Exception {
        ScenarioClock.Heartbeat late = clock.heartbeat();
        try {
            CompletableFuture<Long> expired = expiry(System.nanoTime(), Duration.ofMillis(200));

            assertThat(expired.get(20, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(WAIT.toMillis() + 200);
        } finally {
            late.stop();
        }
    }

    private CompletableFuture<Long> expiry(long started) {
        return expiry(started, ProbeWait.MOST_DRAWN_OUT);
    }

    /** The milliseconds from {@code started} to the wait's expiry, on a Vert.x context as a probe waits. */
    private CompletableFuture<Long> expiry(long started, Duration mostDrawnOut) {
        CompletableFuture<Long> expired = new CompletableFuture<>();
        vertx.runOnContext(on -> ProbeWait.expireAfter(vertx, clock, WAIT, mostDrawnOut,
                () -> expired.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))));
        return expired;
    }
}
