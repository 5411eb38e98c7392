package io.cloudcut.harness;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
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
