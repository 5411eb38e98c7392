package io.cloudcut.bench;

import io.cloudcut.report.HarnessReport;
import io.vertx.core.json.JsonObject;

/**
 * How often a fleet run's clock waited for the harness: in real time while the emulated cloud caught up, in real time while
 * this machine's connections were slow, on a slower climb while its connects took long, and slower while the fleet
 * started more connects than this machine carries (each with nothing faulted); and standing still while attempts due at
 * once waited for their turn. A storm measured in real seconds is that much longer for them.
 */
record ClockWaits(long cloud, long connections, long connectDelaySlowdowns, long connectRateSlowdowns, long attempts) {

    static final ClockWaits NONE = new ClockWaits(0, 0, 0, 0, 0);

    static ClockWaits of(HarnessReport harness) {
        return new ClockWaits(harness.cloudWaits(), harness.connectWaits(), harness.connectDelaySlowdowns(),
                harness.connectRateSlowdowns(), harness.attemptWaits());
    }

    JsonObject toJson() {
        return new JsonObject().put("cloudWaits", cloud).put("connectWaits", connections)
                .put("connectDelaySlowdowns", connectDelaySlowdowns).put("connectRateSlowdowns", connectRateSlowdowns)
                .put("attemptWaits", attempts);
    }
}
