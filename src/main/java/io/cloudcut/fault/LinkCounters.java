package io.cloudcut.fault;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Written on the event loops of the link's connections, read from any thread through {@link #snapshot()}.
 * One array, not a counter object each: a fleet has a link a device (seven LongAdders took 224 bytes of it).
 */
final class LinkCounters {

    private static final int ACCEPTED = 0;
    private static final int RESET = 1;
    private static final int CLOSED = 2;
    private static final int REFUSED_LOGINS = 3;
    private static final int BYTES_UP = 4;
    private static final int BYTES_DOWN = 5;
    private static final int BYTES_DROPPED = 6;

    private final AtomicLongArray counts = new AtomicLongArray(7);

    void accepted() {
        counts.incrementAndGet(ACCEPTED);
    }

    void reset() {
        counts.incrementAndGet(RESET);
    }

    void closed() {
        counts.incrementAndGet(CLOSED);
    }

    void refusedLogin() {
        counts.incrementAndGet(REFUSED_LOGINS);
    }

    void forwarded(Direction direction, int length) {
        counts.addAndGet(direction == Direction.UPSTREAM ? BYTES_UP : BYTES_DOWN, length);
    }

    void dropped(int length) {
        counts.addAndGet(BYTES_DROPPED, length);
    }

    LinkStats snapshot() {
        return new LinkStats(counts.get(ACCEPTED), counts.get(RESET), counts.get(CLOSED), counts.get(REFUSED_LOGINS),
                counts.get(BYTES_UP), counts.get(BYTES_DOWN), counts.get(BYTES_DROPPED));
    }
}
