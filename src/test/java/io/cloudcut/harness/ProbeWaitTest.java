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

    @Test
    void aWaitOnTheScenarioClockAtALowScale_lastsItsScenarioTime_notItsRealTimeout() throws Exception {
        clock.setScale(10);
        Duration from = clock.now();
        CompletableFuture<Duration> expired = new CompletableFuture<>();
        vertx.runOnContext(on -> ProbeWait.expireAfter(vertx, clock, new ProbePatience(Duration.ofMillis(100), Duration.ofSeconds(5), null),
                () -> expired.complete(clock.now())));

        Duration expiredAt = expired.get(20, TimeUnit.SECONDS);

        assertThat(expiredAt.minus(from)).as("5 s of scenario time at 10x: 500 ms, where the real timeout is 100 ms")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aWaitOnTheScenarioClockAtAHighScale_lastsItsRealTimeout() throws Exception {
        clock.setScale(1000);
        long started = System.nanoTime();
        CompletableFuture<Long> expired = new CompletableFuture<>();
        vertx.runOnContext(on -> ProbeWait.expireAfter(vertx, clock, new ProbePatience(WAIT, Duration.ofSeconds(5), null),
                () -> expired.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))));

        assertThat(expired.get(20, TimeUnit.SECONDS)).as("5 s of scenario time pass in 5 ms at 1000x").isGreaterThanOrEqualTo(WAIT.toMillis());
    }

    /** A probe's phase ends before its scenario time is out: it waits no longer (an answer after that did not work in it). */
    @Test
    void aWaitOnTheScenarioClock_endsWithItsPhase() throws Exception {
        clock.setScale(10);
        Duration phaseEnd = clock.now().plusSeconds(2);
        CompletableFuture<Duration> expired = new CompletableFuture<>();
        vertx.runOnContext(on -> ProbeWait.expireAfter(vertx, clock, new ProbePatience(Duration.ofMillis(100), Duration.ofHours(1), phaseEnd),
                () -> expired.complete(clock.now())));

        Duration expiredAt = expired.get(20, TimeUnit.SECONDS);

        assertThat(expiredAt).as("at the phase's end, not an hour of scenario time (6 min at 10x) on").isGreaterThanOrEqualTo(phaseEnd)
                .isLessThan(Duration.ofMinutes(10));
    }

    /** A clock held at real time would keep a probe waiting for its scenario hour in real time: it waits at most its limit more. */
    @Test
    void aWaitOnAClockAtRealTime_expiresAtItsLimit() throws Exception {
        long started = System.nanoTime();
        CompletableFuture<Long> expired = new CompletableFuture<>();
        vertx.runOnContext(on -> ProbeWait.expireAfter(vertx, clock, new ProbePatience(WAIT, Duration.ofHours(1), null, Duration.ofMillis(200)),
                () -> expired.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))));

        assertThat(expired.get(20, TimeUnit.SECONDS)).as("the real timeout, then the limit").isGreaterThanOrEqualTo(WAIT.toMillis() + 200);
        assertThat(clock.now()).as("an hour of scenario time never came").isLessThan(Duration.ofMinutes(1));
    }

    /** Before the clock starts (a warm-up's probes) scenario time stands still: only the real timeout counts. */
    @Test
    void aWaitBeforeTheClockStarts_lastsItsRealTimeout() throws Exception {
        ScenarioClock standing = ScenarioClock.stopped();
        try {
            long started = System.nanoTime();
            CompletableFuture<Long> expired = new CompletableFuture<>();
            vertx.runOnContext(on -> ProbeWait.expireAfter(vertx, standing, new ProbePatience(WAIT, Duration.ofHours(1), null),
                    () -> expired.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))));

            assertThat(expired.get(20, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(WAIT.toMillis());
        } finally {
            standing.close();
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
