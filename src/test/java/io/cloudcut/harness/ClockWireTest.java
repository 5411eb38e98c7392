package io.cloudcut.harness;

import io.cloudcut.scenario.ScenarioClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A worker's clock follows the coordinator's over the wire, admitting its share of the attempts the coordinator admits. */
class ClockWireTest {

    private final ScenarioClock coordinator = ScenarioClock.running(3600);
    private final ScenarioClock worker = ScenarioClock.stopped();

    @AfterEach
    void stop() {
        coordinator.close();
        worker.close();
    }

    @Test
    void aWorkerRunsItsShareOfTheAttemptsAtOnce_standsWhileMoreWait_andSaysItStandsOfItsOwn() {
        coordinator.admitAttempts(4);
        ClockWire.follow(worker, ClockWire.of(coordinator.setting(), coordinator.attemptsAtOnce(), 2));
        assertThat(worker.started()).isTrue();
        assertThat(worker.attemptsAtOnce()).as("half of the coordinator's, for one of two workers").isEqualTo(2);

        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            worker.scheduleAttempt(Duration.ofMinutes(1), Runnable::run, ran::incrementAndGet);
        }
        await().atMost(10, SECONDS).until(() -> ran.get() == 2 && worker.standsOfItsOwn());

        coordinator.admitAttempts(Integer.MAX_VALUE);
        ClockWire.follow(worker, ClockWire.of(coordinator.setting(), coordinator.attemptsAtOnce(), 2));
        await().atMost(10, SECONDS).until(() -> ran.get() == 3 && !worker.standsOfItsOwn());
        assertThat(worker.attemptsAtOnce()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aShareIsNeverNone() {
        assertThat(ClockWire.of(coordinator.setting(), 3, 8).getInteger("attemptsAtOnce")).isEqualTo(1);
    }
}
