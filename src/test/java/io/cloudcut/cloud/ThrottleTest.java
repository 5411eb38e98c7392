package io.cloudcut.cloud;

import io.cloudcut.scenario.Rate;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The throttle on a real scenario clock and event loop: it lets work through at its rate of scenario
 * time, whatever the scale. Bounds are in scenario time, never on the wall clock.
 */
class ThrottleTest {

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final Executor onLoop = task -> context.runOnContext(ignored -> task.run());
    private final List<Duration> ranAt = new CopyOnWriteArrayList<>();
    private ScenarioClock clock;

    @AfterEach
    void stop() throws Exception {
        clock.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void queuedWorkIsLetThroughAtTheDeclaredRateOfScenarioTimeAndTheRestTurnedAway() throws Exception {
        clock = ScenarioClock.running(60);
        Rate rate = Rate.parse("6/min");
        Duration interval = rate.interval();
        Throttle throttle = onLoop(() -> new Throttle(clock, onLoop, rate, 8));

        Duration offeredAt = clock.now();
        List<Boolean> taken = onLoop(() -> offer(throttle, 10));

        assertThat(taken).as("eight wait their turn, two are turned away")
                .containsExactly(true, true, true, true, true, true, true, true, false, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> ranAt.size() == 8);
        for (int k = 0; k < 8; k++) {
            assertThat(ranAt.get(k)).as("piece %d never before its turn: by any moment, at most one per 10s ran", k + 1)
                    .isGreaterThanOrEqualTo(offeredAt.plus(interval.multipliedBy(k + 1)));
        }
        assertThat(ranAt.get(7)).as("at least half the rate, with room for a loaded machine")
                .isLessThanOrEqualTo(offeredAt.plus(interval.multipliedBy(16)));
    }

    @Test
    void theRealPaceFollowsTheScale() throws Exception {
        clock = ScenarioClock.running(1);
        Throttle throttle = onLoop(() -> new Throttle(clock, onLoop, Rate.parse("1/h"), 10));
        Duration offeredAt = clock.now();
        onLoop(() -> offer(throttle, 3));

        // At 1x these three would take three real hours; at 36,000x an hour of scenario time is 0.1 s.
        clock.setScale(36_000);

        await().atMost(Duration.ofSeconds(20)).until(() -> ranAt.size() == 3);
        for (int k = 0; k < 3; k++) {
            assertThat(ranAt.get(k)).isGreaterThanOrEqualTo(offeredAt.plus(Duration.ofHours(k + 1)));
        }
    }

    @Test
    void releasingLetsWhatWaitsThroughAtOnceInOrder() throws Exception {
        clock = ScenarioClock.running(1);
        Throttle throttle = onLoop(() -> new Throttle(clock, onLoop, Rate.parse("1/h"), 10));
        List<Integer> order = new CopyOnWriteArrayList<>();
        onLoop(() -> {
            for (int piece = 1; piece <= 3; piece++) {
                int number = piece;
                throttle.offer(() -> order.add(number));
            }
            throttle.release();
            return null;
        });
        assertThat(order).containsExactly(1, 2, 3);
    }

    private List<Boolean> offer(Throttle throttle, int pieces) {
        List<Boolean> taken = new ArrayList<>();
        for (int piece = 0; piece < pieces; piece++) {
            taken.add(throttle.offer(() -> ranAt.add(clock.now())));
        }
        return taken;
    }

    private <T> T onLoop(Supplier<T> action) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(ignored -> done.complete(action.get()));
        return done.get(10, TimeUnit.SECONDS);
    }
}
