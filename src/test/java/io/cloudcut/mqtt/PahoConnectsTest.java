package io.cloudcut.mqtt;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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

    /**
     * A connect that hands a loop to the pool and polls for it to run, as Paho's does, is woken once the loop runs. Its
     * poll here waits a minute a step, and each loop says it runs only once the connect sleeps: without the wake,
     * the connect would not end within the wait. The wake looks for up to 20 s, not one of Paho's 100 ms steps: on a
     * loaded CI machine the connect once took longer than 100 ms to reach its sleep, and slept its minute.
     */
    @Test
    void aLoopAConnectStarted_wakesTheConnectFromItsPollOnceItRuns() throws Exception {
        ScheduledExecutorService looks = Executors.newSingleThreadScheduledExecutor();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            PahoConnects connects = new PahoConnects(looks, Duration.ofSeconds(20));
            CountDownLatch connected = new CountDownLatch(1);
            Future<?> connect = pool.submit(connects.track(() -> {
                Thread starter = Thread.currentThread();
                for (String loop : List.of("receiver", "sender", "callbacks")) {
                    AtomicBoolean runs = new AtomicBoolean();
                    // As Paho's loops, it runs on while its connection lasts: here, until the connect is through.
                    pool.execute(connects.loopStartedFrom(starter, runs::get, () -> {
                        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                                .until(() -> starter.getState() == Thread.State.TIMED_WAITING);
                        runs.set(true);
                        try {
                            connected.await();
                        } catch (InterruptedException ended) {
                            Thread.currentThread().interrupt();
                        }
                    }));
                    CountDownLatch never = new CountDownLatch(1);
                    while (!runs.get()) {
                        try {
                            // Paho's poll step, a timed wait as its sleep is, a minute long here.
                            never.await(1, TimeUnit.MINUTES);
                        } catch (InterruptedException woken) {
                            // Paho's poll swallows it and looks again.
                        }
                    }
                }
                connected.countDown();
            }));

            connect.get(30, TimeUnit.SECONDS);
            assertThat(connects.wokenFromPolls()).as("each loop woke the connect").isEqualTo(3);
            assertThat(connects.running()).isZero();
        } finally {
            looks.shutdownNow();
            pool.shutdownNow();
        }
    }

    /** A loop started by anything but a connect, and a task that is no loop, are run as they are. */
    @Test
    void aLoopNoConnectStarted_andATaskNoConnectPollsFor_areRunAsTheyAre() {
        ScheduledExecutorService looks = Executors.newSingleThreadScheduledExecutor();
        PahoConnects connects = new PahoConnects(looks);
        Runnable task = () -> { };

        assertThat(connects.loopStartedFrom(Thread.currentThread(), () -> true, task)).isSameAs(task);
        assertThat(PahoConnects.loopRunning(task)).isNull();
        looks.shutdownNow();
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
