package io.cloudcut.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * When this process's event loops stalled, as stretches of real time, so that a probe can say how much of its own latency
 * was the harness's: while it was in flight, the longest any one loop was stalled (its stalls' union). A phase's longest
 * stall said too little: on a loaded CI machine one stall of over 446 ms in a phase excused a 500 ms slowdown of every
 * probe of it, and a slow cloud's status reports read KEPT. Nor is it the union over all loops: a probe does not pass
 * through every loop, and on a busy machine some loop is nearly always a little late (at 1,020 devices, the baseline's
 * cloud probes took 177 ms at the median, 145 ms of it covered by some loop's stall). A pause of the whole process stalls
 * every loop at once, and counts once. A stall is known once its loop's sampler has run late; one still going on (the
 * probe's own loop, when its answer ran before the sampler's overdue turn, or another loop) counts from the moment that
 * loop's sampler was due.
 */
final class Stalls {

    /** A loop's delays shorter than this are its ordinary jitter, well within a verdict's slack. */
    static final long SHORTEST_NANOS = 10_000_000;

    private final List<Loop> loops = new CopyOnWriteArrayList<>();
    private long[] starts = new long[256];
    /** Non-decreasing: each stall ends when it is recorded, under this object's lock. */
    private long[] ends = new long[256];
    private Loop[] stalledLoops = new Loop[256];
    private int size;

    /** One loop's sampler: when it is next due to run (real nanoseconds). */
    static final class Loop {
        private volatile long dueNanos;

        private Loop(long dueNanos) {
            this.dueNanos = dueNanos;
        }
    }

    /** A loop to watch, its sampler first due at {@code dueNanos}. */
    Loop watch(long dueNanos) {
        Loop loop = new Loop(dueNanos);
        loops.add(loop);
        return loop;
    }

    /** The loop no longer samples (shut down, or the watch is over): it is not stalled for ever. */
    void forget(Loop loop) {
        loops.remove(loop);
    }

    void forgetAll() {
        loops.clear();
    }

    /**
     * The loop's sampler ran now, and is next due {@code untilNextNanos} from now: it stalled if it ran much later than
     * due. Returns how late it ran (nanoseconds; negative when early).
     */
    long ran(Loop loop, long untilNextNanos) {
        long due = loop.dueNanos;
        synchronized (this) {
            long now = System.nanoTime();
            loop.dueNanos = now + untilNextNanos;
            if (now - due < SHORTEST_NANOS) {
                return now - due;
            }
            if (size == ends.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
                stalledLoops = Arrays.copyOf(stalledLoops, size * 2);
            }
            starts[size] = due;
            stalledLoops[size] = loop;
            ends[size++] = now;
            return now - due;
        }
    }

    /** How long, between the two real instants ({@link System#nanoTime()}), the loop stalled longest there was stalled. */
    long millisBetween(long fromNanos, long toNanos) {
        Map<Loop, List<long[]>> byLoop = new HashMap<>();
        synchronized (this) {
            for (int i = firstEndingFrom(fromNanos); i < size; i++) {
                if (starts[i] - toNanos < 0) {
                    byLoop.computeIfAbsent(stalledLoops[i], loop -> new ArrayList<>()).add(new long[]{starts[i], ends[i]});
                }
            }
        }
        long now = System.nanoTime();
        for (Loop loop : loops) {
            long due = loop.dueNanos;
            if (now - due >= SHORTEST_NANOS) {
                byLoop.computeIfAbsent(loop, watched -> new ArrayList<>()).add(new long[]{due, now});
            }
        }
        return byLoop.values().stream().mapToLong(stalls -> unionWithin(stalls, fromNanos, toNanos)).max().orElse(0) / 1_000_000;
    }

    private int firstEndingFrom(long fromNanos) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ends[middle] - fromNanos < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The nanoseconds of {@code [fromNanos, toNanos]} that some of the stretches cover. */
    private static long unionWithin(List<long[]> stretches, long fromNanos, long toNanos) {
        stretches.sort(Comparator.comparingLong(stretch -> stretch[0] - fromNanos));
        long covered = 0;
        long reached = fromNanos;
        for (long[] stretch : stretches) {
            long start = stretch[0] - reached > 0 ? stretch[0] : reached;
            long end = stretch[1] - toNanos < 0 ? stretch[1] : toNanos;
            if (end - start > 0) {
                covered += end - start;
                reached = end;
            }
        }
        return covered;
    }
}
