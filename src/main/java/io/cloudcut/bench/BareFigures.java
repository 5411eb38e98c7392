package io.cloudcut.bench;

import io.vertx.core.json.JsonObject;

/**
 * What the bare clients add to their {@link Side}: the raw ceiling, the events a second the broker passed on
 * when each client published its next status report as soon as the last was acknowledged. It is how far a
 * compressed run's traffic could go on this machine, stack and broker before the harness is counted at all.
 */
record BareFigures(Side side, double eventsCeilingPerSecond) {

    JsonObject toJson() {
        return side.toJson().put("eventsCeilingPerSecond", eventsCeilingPerSecond);
    }
}
