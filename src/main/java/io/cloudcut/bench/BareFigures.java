package io.cloudcut.bench;

import io.vertx.core.json.JsonObject;

/**
 * What the bare clients add to their {@link Side}: the raw ceiling, the events a second the broker passed on
 * when each client published its next status report as soon as the last was acknowledged, which is how far a
 * compressed run's traffic could go on this machine, stack and broker before the harness is counted at all;
 * and the same clients' connects through a fault proxy with no faults, the hop every device's connection
 * takes, which is how far the fleet's connect rate could go before the rest of the harness is counted.
 */
record BareFigures(Side side, double eventsCeilingPerSecond, Connects throughProxy) {

    JsonObject toJson() {
        return side.toJson().put("eventsCeilingPerSecond", eventsCeilingPerSecond).put("throughProxy", throughProxy.toJson());
    }
}
