package io.cloudcut.harness;

import io.cloudcut.fault.FaultProxy;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.testing.RunsAlone;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The harness's own figures: an event loop kept busy shows as lag, whichever loop it is. Alone: an
 * idle loop's lag is the machine's, and another fork's run reads as lag here; isolated too from the
 * alone tests that run side by side (a stack's reconnect waits, the pacer's timers), which read as lag
 * here as well (59 ms once).
 */
@RunsAlone
@Isolated
class HarnessMonitorTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void aBusyEventLoopShowsAsLag() {
        HarnessMonitor monitor = HarnessMonitor.start(vertx);
        try {
            measure(monitor);
        } finally {
            monitor.stop();
        }
    }

    /** One stall in seconds of calm is too rare for the p99, yet slows every probe in flight through its loop. */
    @Test
    void aSingleStallShowsAsTheLongestLag() {
        HarnessMonitor monitor = HarnessMonitor.start(vertx);
        try {
            long from = System.nanoTime();
            vertx.runOnContext(stall -> {
                long until = System.nanoTime() + 300_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            });
            await().atMost(20, SECONDS).untilAsserted(() ->
                    assertThat(monitor.since(from).lagMaxMillis()).isGreaterThanOrEqualTo(250));
        } finally {
            monitor.stop();
        }
    }

    /**
     * A probe carries the stalls it was in flight through, not the phase's: a 300 ms stall counts for a stretch that
     * spans it, and not for one before it.
     */
    @Test
    void aStallCountsForTheStretchesItFellIn() {
        HarnessMonitor monitor = HarnessMonitor.start(vertx);
        try {
            long before = System.nanoTime();
            long[] stall = new long[2];
            vertx.runOnContext(spin -> {
                stall[0] = System.nanoTime();
                long until = stall[0] + 300_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                stall[1] = System.nanoTime();
            });
            await().atMost(20, SECONDS).untilAsserted(() ->
                    assertThat(monitor.since(before).lagMaxMillis()).isGreaterThanOrEqualTo(250));
            long after = System.nanoTime();

            assertThat(monitor.stalledMillis(before, after)).isBetween(250L, after - before);
            assertThat(monitor.stalledMillis(stall[0] + 100_000_000L, stall[0] + 200_000_000L)).as("a stretch within it")
                    .isBetween(90L, 100L);
            assertThat(monitor.stalledMillis(stall[1] + 1_000_000L, after)).as("a stretch after it").isLessThan(50);
        } finally {
            monitor.stop();
        }
    }

    /**
     * Scenario time waits for a stalled loop: 600 ms of real time on one loop would be 36 min at 3600x, in
     * which its devices' deadlines would pass unanswered; the clock runs on for at most its allowance past
     * the loop's last beat, and from where it stood once the loop beats again.
     */
    @Test
    void aStalledLoopHoldsTheScenarioClock() {
        try (ScenarioClock clock = ScenarioClock.stopped()) {
            HarnessMonitor monitor = HarnessMonitor.start(vertx, clock);
            try {
                clock.start(3600);
                AtomicReference<Duration> spanned = new AtomicReference<>();
                vertx.runOnContext(stall -> {
                    Duration before = clock.now();
                    long until = System.nanoTime() + 600_000_000L;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    spanned.set(clock.now().minus(before));
                });
                await().atMost(20, SECONDS).until(() -> spanned.get() != null);
                assertThat(spanned.get()).as("scenario time over the stall").isLessThanOrEqualTo(ScenarioClock.HOLD_AFTER.multipliedBy(3600));
                await().atMost(20, SECONDS).until(() -> clock.held().toMillis() >= 400);
                Duration resumed = clock.now();
                await().atMost(20, SECONDS).until(() -> clock.now().compareTo(resumed.plusMinutes(10)) > 0);
            } finally {
                monitor.stop();
            }
        }
    }

    /**
     * The fault proxy's loops carry every device's packets: a stall of one shows as lag and holds the clock as a
     * Vert.x loop's does, and once the proxy has shut its loops down, the clock no longer waits for them.
     */
    @Test
    void aStalledProxyLoopIsWatched_untilTheProxyCloses() {
        try (ScenarioClock clock = ScenarioClock.stopped(); FaultProxy proxy = FaultProxy.create("127.0.0.1", 1883)) {
            HarnessMonitor monitor = HarnessMonitor.start(vertx, clock);
            try {
                monitor.watch(proxy.eventLoops());
                clock.start(3600);
                long from = System.nanoTime();
                proxy.eventLoops().iterator().next().execute(() -> {
                    long until = System.nanoTime() + 600_000_000L;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                });
                await().atMost(20, SECONDS).untilAsserted(() ->
                        assertThat(monitor.since(from).lagMaxMillis()).isGreaterThanOrEqualTo(500));
                assertThat(clock.held().toMillis()).as("real time the clock stood still").isGreaterThanOrEqualTo(400);

                proxy.close();
                Duration closedAt = clock.now();
                await().atMost(20, SECONDS).until(() -> clock.now().compareTo(closedAt.plusMinutes(10)) > 0);
            } finally {
                monitor.stop();
            }
        }
    }

    private void measure(HarnessMonitor monitor) {
        long from = System.nanoTime();
        await().atMost(5, SECONDS).until(() -> monitor.since(from).lagP99Millis() >= 0);
        assertThat(monitor.since(from).lagP99Millis()).as("idle loops").isLessThan(50);

        // One busy verticle, blocking its loop for 300 ms every 100 ms: one loop of the pool is enough to show.
        vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                vertx.setPeriodic(100, tick -> {
                    long until = System.nanoTime() + 300_000_000L;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                });
                return Future.succeededFuture();
            }
        }, new DeploymentOptions()).await();
        long busyFrom = System.nanoTime();
        await().atMost(20, SECONDS).untilAsserted(() ->
                assertThat(monitor.since(busyFrom).lagP99Millis()).isGreaterThanOrEqualTo(100));
    }
}
