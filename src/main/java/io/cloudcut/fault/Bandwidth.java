package io.cloudcut.fault;

import io.cloudcut.scenario.LinkFaultKind;
import io.cloudcut.scenario.WireNames;

/**
 * Limits each direction of the link to {@code rate} KB/s (1 KB = 1000 bytes), shared by its
 * connections as by one device's uplink: a chunk leaves when its last byte would have at that rate.
 */
final class Bandwidth implements LinkFault {

    static final String NAME = WireNames.of(LinkFaultKind.BANDWIDTH);

    private final long bytesPerSecond;
    /** Per direction, the {@link System#nanoTime()} at which the bytes let through so far have all gone. */
    private final long[] freeAt = new long[Direction.values().length];

    Bandwidth(FaultAttributes attributes) {
        this.bytesPerSecond = attributes.whole("rate", 1, 1, 10_000_000) * 1000;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict onBytes(Direction direction, int length) {
        long now = System.nanoTime();
        long done = Math.max(now, freeAt[direction.ordinal()]) + length * 1_000_000_000L / bytesPerSecond;
        freeAt[direction.ordinal()] = done;
        return Verdict.delay((done - now) / 1_000_000);
    }
}
