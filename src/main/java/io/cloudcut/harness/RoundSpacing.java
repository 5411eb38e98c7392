package io.cloudcut.harness;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How far apart a recovery phase's periodic rounds of one device must be, in real time, for the
 * fleet's probes to stay within {@link Recovery#PROBES_PER_SECOND}: a round of every device not yet
 * settled. As devices come back, those still out are probed more often, at the same rate in all.
 */
final class RoundSpacing {

    private final AtomicInteger probesARound = new AtomicInteger();

    /** A device is measured: its round of {@code functions} probes counts until it settles. */
    void measuring(int functions) {
        probesARound.addAndGet(functions);
    }

    /** A device is back, or will not be: no more rounds of its {@code functions}. */
    void settled(int functions) {
        probesARound.addAndGet(-functions);
    }

    /** Real time a round of the devices still measured takes at the fleet's probe rate. */
    long millis() {
        return (long) Math.ceil(probesARound.get() * 1000.0 / Recovery.PROBES_PER_SECOND);
    }
}
