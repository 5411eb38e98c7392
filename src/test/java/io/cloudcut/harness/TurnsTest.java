package io.cloudcut.harness;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TurnsTest {

    /** An event loop's task queue, run by the test one task at a time. */
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private final List<String> ran = new ArrayList<>();

    @Test
    void manyItemsStartInTurnsOfBoundedWeight_withWhatCameMeanwhileRunBetweenThem() {
        List<Integer> devices = IntStream.range(0, 100).boxed().toList();
        List<Integer> started = new ArrayList<>();

        Turns.start(devices.iterator(), device -> 6, 50, device -> {
            started.add(device);
            ran.add("device " + device);
            if (device == 0) {
                queue.add(() -> ran.add("a timer due meanwhile"));
            }
        }, queue::add);
        List<Integer> turnSizes = new ArrayList<>();
        while (!queue.isEmpty()) {
            int before = started.size();
            queue.poll().run();
            if (started.size() > before) {
                turnSizes.add(started.size() - before);
            }
        }

        assertThat(started).as("every device once, in order").isEqualTo(devices);
        assertThat(turnSizes).as("nine devices (54 probes) a turn: the one that reaches 50 is the last")
                .containsExactly(9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 1);
        assertThat(ran.indexOf("a timer due meanwhile")).as("the timer ran after the first turn, before the second")
                .isEqualTo(ran.indexOf("device 8") + 1);
    }

    @Test
    void anItemHeavierThanATurnStillStarts_oneATurn() {
        List<String> started = new ArrayList<>();

        Turns.start(List.of("a", "b", "c").iterator(), item -> 500, 200, started::add, queue::add);
        int turns = 0;
        while (!queue.isEmpty()) {
            queue.poll().run();
            turns++;
        }

        assertThat(started).containsExactly("a", "b", "c");
        assertThat(turns).isEqualTo(3);
    }

    /**
     * Spaced, turns start on a schedule: a timer never fires early, so the k-th of turns 20 ms apart starts
     * k times 20 ms after they were handed over at the soonest, however loaded the machine; and each runs on
     * the executor handed over, as Recovery's run on the harness's context.
     */
    @Test
    void spacedTurnsStartNoSoonerThanTheirSchedule_onTheExecutorGiven() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Context harness = vertx.getOrCreateContext();
            List<Long> startedNanos = Collections.synchronizedList(new ArrayList<>());
            List<Boolean> onHarness = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch all = new CountDownLatch(10);
            long handedOverNanos = System.nanoTime();

            Turns.start(IntStream.range(0, 10).boxed().iterator(), device -> 6, 6, device -> {
                startedNanos.add(System.nanoTime());
                onHarness.add(Vertx.currentContext() == harness);
                all.countDown();
            }, Turns.spaced(vertx, task -> harness.runOnContext(ignored -> task.run()), Duration.ofMillis(20)));

            assertThat(all.await(30, TimeUnit.SECONDS)).as("every turn ran").isTrue();
            assertThat(onHarness).containsOnly(true);
            for (int turn = 0; turn < startedNanos.size(); turn++) {
                assertThat(startedNanos.get(turn) - handedOverNanos).as("turn %d", turn + 1)
                        .isGreaterThanOrEqualTo(Duration.ofMillis(20).multipliedBy(turn + 1).toNanos());
            }
        } finally {
            vertx.close().await();
        }
    }

    /** Rounded down, a turn 19.2 ms from due got a 19 ms timer and started before it was due (a CI failure). */
    @Test
    void aSpacedTurnsTimerIsRoundedUpToWholeMilliseconds_neverShort() {
        assertThat(Turns.timerMillis(19_200_000)).isEqualTo(20);
        assertThat(Turns.timerMillis(20_000_000)).isEqualTo(20);
        assertThat(Turns.timerMillis(1)).isEqualTo(1);
        assertThat(Turns.timerMillis(0)).as("due now: the soonest a timer takes").isEqualTo(1);
        assertThat(Turns.timerMillis(-5_000_000)).as("overdue").isEqualTo(1);
    }

    @Test
    void noItemsStartNothing() {
        List<String> started = new ArrayList<>();

        Turns.start(List.<String>of().iterator(), item -> 1, 200, started::add, queue::add);
        while (!queue.isEmpty()) {
            queue.poll().run();
        }

        assertThat(started).isEmpty();
    }
}
