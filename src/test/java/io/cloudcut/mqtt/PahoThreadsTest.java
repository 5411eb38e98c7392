package io.cloudcut.mqtt;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The JVM's Paho threads: each of Paho's loops holds a thread while its connection lasts, so a loop may never wait
 * for another to end (a fixed pool would leave a device's receiver unstarted and its connect hanging).
 */
class PahoThreadsTest {

    private final PahoThreads threads = new PahoThreads();

    @Test
    void everyLoopGetsAThreadAtOnce_noneWaitsForAnother() throws Exception {
        int loops = 60;
        CountDownLatch running = new CountDownLatch(loops);
        CountDownLatch connectionsEnd = new CountDownLatch(1);
        for (int i = 0; i < loops; i++) {
            threads.execute(() -> {
                running.countDown();
                try {
                    connectionsEnd.await();
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            assertThat(running.await(30, TimeUnit.SECONDS)).as("all %d loops running together", loops).isTrue();
            assertThat(threads.loopThreads()).isEqualTo(loops);
            assertThat(threads.idleLoopThreads()).isZero();
        } finally {
            connectionsEnd.countDown();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(threads.idleLoopThreads()).as("kept for the next connections, no client's").isEqualTo(loops));
        assertThat(threads.loopThreads()).isEqualTo(loops);
    }

    /** Paho names its thread after the device and the loop; once the loop is over, the idle thread is the pool's again. */
    @Test
    void aThreadPahoNamedIsThePoolsAgainOnceItsLoopEnds() throws Exception {
        CountDownLatch named = new CountDownLatch(1);
        CountDownLatch loopEnds = new CountDownLatch(1);
        AtomicReference<Thread> loopThread = new AtomicReference<>();
        threads.execute(() -> {
            loopThread.set(Thread.currentThread());
            Thread.currentThread().setName("MQTT Rec: robot-1");
            named.countDown();
            try {
                loopEnds.await();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(named.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(loopThread.get().getName()).isEqualTo("MQTT Rec: robot-1");

        loopEnds.countDown();

        await().atMost(Duration.ofSeconds(30)).until(() -> threads.idleLoopThreads() == 1);
        assertThat(loopThread.get().getName()).startsWith("cloudcut-paho");
    }

    @Test
    void keepalivesRunOnTheScheduler() throws Exception {
        CountDownLatch pinged = new CountDownLatch(1);

        threads.schedule(pinged::countDown, 10, TimeUnit.MILLISECONDS);

        assertThat(pinged.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(threads.loopThreads()).as("no loop thread for a keepalive").isZero();
    }

    @Test
    void noClientMayStopThemForTheOthers() {
        assertThatThrownBy(threads::shutdown).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(threads::shutdownNow).isInstanceOf(UnsupportedOperationException.class);
        assertThat(threads.isShutdown()).isFalse();
    }
}
