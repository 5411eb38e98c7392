package io.cloudcut.harness;

import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coordinator's clock waits for a worker whose clock stands, however long it stands, and lets one that
 * says nothing at all go after {@link WorkerPulses#GIVE_UP_AFTER}, until it speaks again.
 */
class WorkerPulsesTest {

    private static final String ADDRESS = "cloudcut.test.pulse";

    private final Vertx vertx = Vertx.vertx();
    private final ScenarioClock clock = ScenarioClock.running(3600);
    private final WorkerPulses pulses = new WorkerPulses(vertx, clock, ADDRESS, List.of("w1"));

    @AfterEach
    void stop() {
        pulses.close();
        clock.close();
        vertx.close().await();
    }

    @Test
    void aWorkerThatStandsIsWaitedFor_andOneThatRunsLetsTheClockRun() {
        AtomicBoolean standing = new AtomicBoolean(true);
        vertx.setPeriodic(WorkerPulses.EVERY.toMillis(),
                tick -> vertx.eventBus().send(ADDRESS, WorkerPulses.pulse("w1", standing.get())));
        await().atMost(10, SECONDS).until(clock::standing);
        Duration stood = clock.now();
        // Longer than a silent worker is waited for: a worker that speaks is never given up on.
        await().during(WorkerPulses.GIVE_UP_AFTER.plusSeconds(1)).atMost(20, SECONDS)
                .until(() -> clock.standing() && clock.now().equals(stood));

        standing.set(false);
        await().atMost(10, SECONDS).until(() -> clock.now().compareTo(stood.plusMinutes(30)) > 0);
    }

    @Test
    void aSilentWorkerIsLetGo_untilItSpeaksAgain() {
        await().atMost(10, SECONDS).until(clock::standing);
        await().atMost(20, SECONDS).until(() -> !clock.standing());
        assertThat(clock.held()).isGreaterThanOrEqualTo(WorkerPulses.GIVE_UP_AFTER.minus(ScenarioClock.HOLD_AFTER));

        vertx.eventBus().send(ADDRESS, WorkerPulses.pulse("someone-else", false));
        vertx.eventBus().send(ADDRESS, WorkerPulses.pulse("w1", true));
        await().atMost(10, SECONDS).until(clock::standing);
    }
}
