package io.cloudcut.mqtt;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
