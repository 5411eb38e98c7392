package io.cloudcut.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * When this process's event loops stalled, as stretches of real time, so that a probe can say how much of its own latency
 * was the harness's: the stretches in which some loop stalled while it was in flight, their union. A phase's longest
 * stall said too little: on a loaded CI machine one stall of over 446 ms in a phase excused a 500 ms slowdown of every
 * probe of it, and a slow cloud's status reports read KEPT. A stall is known once its loop's sampler has run late; one
 * still going on (the probe's own loop, when its answer ran before the sampler's overdue turn, or another loop) counts
 * from the moment that loop's sampler was due.
 */
final class Stalls {

    /** A loop's delays shorter than this are its ordinary jitter, well within a verdict's slack. */
    static final long SHORTEST_NANOS = 10_000_000;

    private final List<Loop> loops = new CopyOnWriteArrayList<>();
    private long[] starts = new long[256];
    /** Non-decreasing: each stall ends when it is recorded, under this object's lock. */
    private long[] ends = new long[256];
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

    /** The loop's sampler ran now, and is next due at {@code nextDueNanos}: it stalled if it ran much later than due. */
    void ran(Loop loop, long nextDueNanos) {
        long due = loop.dueNanos;
        loop.dueNanos = nextDueNanos;
        synchronized (this) {
            long now = System.nanoTime();
            if (now - due < SHORTEST_NANOS) {
                return;
            }
            if (size == ends.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            starts[size] = due;
            ends[size++] = now;
        }
    }

    /** How long, between the two real instants ({@link System#nanoTime()}), some loop of this process was stalled. */
    long millisBetween(long fromNanos, long toNanos) {
        List<long[]> overlapping = new ArrayList<>();
        synchronized (this) {
            for (int i = firstEndingFrom(fromNanos); i < size && starts[i] - toNanos < 0; i++) {
                overlapping.add(new long[]{starts[i], ends[i]});
            }
        }
        long now = System.nanoTime();
        for (Loop loop : loops) {
            long due = loop.dueNanos;
            if (now - due >= SHORTEST_NANOS) {
                overlapping.add(new long[]{due, now});
            }
        }
        return unionWithin(overlapping, fromNanos, toNanos) / 1_000_000;
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
