package io.cloudcut.fault;

import io.cloudcut.scenario.LinkFaultKind;
import io.cloudcut.scenario.WireNames;

/**
 * Passes a close on to the other side only after {@code delay} ms, as a NAT or proxy that is slow to
 * tear down does: the far side keeps a dead session for that long.
 */
final class SlowClose implements LinkFault {

    static final String NAME = WireNames.of(LinkFaultKind.SLOW_CLOSE);

    private final long delayMillis;

    SlowClose(FaultAttributes attributes) {
        this.delayMillis = attributes.millis("delay", 2_000);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict onClose(Direction direction) {
        return Verdict.delay(delayMillis);
    }
}
