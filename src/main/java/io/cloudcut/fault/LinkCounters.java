package io.cloudcut.fault;

import java.util.concurrent.atomic.LongAdder;

/** Written on the link's event loop, read from any thread through {@link #snapshot()}. */
final class LinkCounters {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder reset = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder refusedLogins = new LongAdder();
    private final LongAdder bytesUp = new LongAdder();
    private final LongAdder bytesDown = new LongAdder();
    private final LongAdder bytesDropped = new LongAdder();

    void accepted() {
        accepted.increment();
    }

    void reset() {
        reset.increment();
    }

    void closed() {
        closed.increment();
    }

    void refusedLogin() {
        refusedLogins.increment();
    }

    void forwarded(Direction direction, int length) {
        (direction == Direction.UPSTREAM ? bytesUp : bytesDown).add(length);
    }

    void dropped(int length) {
        bytesDropped.add(length);
    }

    LinkStats snapshot() {
        return new LinkStats(accepted.sum(), reset.sum(), closed.sum(), refusedLogins.sum(),
                bytesUp.sum(), bytesDown.sum(), bytesDropped.sum());
    }
}
