package io.cloudcut.fault;

import io.cloudcut.scenario.LinkFaultKind;
import io.cloudcut.scenario.WireNames;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays every chunk by {@code latency} ± {@code jitter} ms, as a congested or satellite path does.
 * Jitter never reorders bytes: a chunk waits at least until the one before it has gone.
 */
final class Latency implements LinkFault {

    static final String NAME = WireNames.of(LinkFaultKind.LATENCY);

    private final long latencyMillis;
    private final long jitterMillis;

    Latency(FaultAttributes attributes) {
        this.latencyMillis = attributes.millis("latency", 1_000);
        this.jitterMillis = attributes.whole("jitter", 0, 0, latencyMillis);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict onBytes(Direction direction, int length) {
        long jitter = jitterMillis == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitterMillis, jitterMillis + 1);
        return Verdict.delay(latencyMillis + jitter);
    }

    @Override
    public Verdict onClose(Direction direction) {
        return Verdict.delay(latencyMillis);
    }
}
