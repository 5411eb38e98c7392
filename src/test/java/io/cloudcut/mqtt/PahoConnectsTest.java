package io.cloudcut.mqtt;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@link PahoConnects} ends and what it leaves: a connect that runs long, but not waiting for one of Paho's loops
 * to start, is never taken for one waiting for ever. Connects that do wait for ever are ended in
 * {@code DeviceConnectionStacksTest}, on Paho itself.
 */
class PahoConnectsTest {

    @Test
    void aConnectRunningLongButNotWaitingForALoop_isLeftToFinish() throws Exception {
        ScheduledExecutorService looks = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService pool = Executors.newSingleThreadScheduledExecutor();
        try {
            PahoConnects connects = new PahoConnects(looks);
            CountDownLatch answered = new CountDownLatch(1);
            Future<?> connect = pool.submit(connects.track(() -> {
                Thread.currentThread().setName("MQTT Con: slow-device");
                try {
                    answered.await();
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            }));

            await().atMost(Duration.ofSeconds(30)).until(() -> connects.running() == 1);
            await().during(PahoConnects.WAITING_FOR_EVER.multipliedBy(2)).atMost(Duration.ofSeconds(30))
                    .until(() -> connects.stuck().isEmpty() && !connect.isDone());
            answered.countDown();

            connect.get(30, TimeUnit.SECONDS);
            assertThat(connects.stuckOnceSettled().isEmpty()).isTrue();
            assertThat(connects.running()).isZero();
        } finally {
            looks.shutdownNow();
            pool.shutdownNow();
        }
    }

    @Test
    void aRunCountsOnlyTheConnectsStuckSinceItsMark() {
        StuckConnects mark = new StuckConnects(Map.of("robot-1", 3L), true);
        StuckConnects now = new StuckConnects(Map.of("robot-1", 5L, "doorbell-1", 1L), true);

        StuckConnects run = now.since(mark);

        assertThat(run.byDevice()).isEqualTo(Map.of("robot-1", 2L, "doorbell-1", 1L));
        assertThat(run.threads()).isEqualTo(3);
        assertThat(run.devices()).isEqualTo(2);
        assertThat(now.since(now).isEmpty()).isTrue();
    }
}
