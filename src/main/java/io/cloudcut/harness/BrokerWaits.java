package io.cloudcut.harness;

import io.cloudcut.fault.FaultProxy;
import io.vertx.core.json.JsonObject;

/**
 * How long devices have waited on the broker at one moment, in milliseconds, 0 when none waits: the device connect
 * waiting for its CONNACK the longest, of those no link fault met
 * ({@link FaultProxy#longestUnfaultedConnectMillis}); and the device publish the broker has left unanswered the longest
 * ({@link FaultProxy#longestBrokerAnswerMillis}). With them, how many device connections with nothing faulted on them
 * the proxy has accepted so far ({@link FaultProxy#unfaultedConnectsAccepted}): the connects the devices start.
 */
record BrokerWaits(long connectMillis, long publishMillis, long connectsAccepted) {

    static final BrokerWaits NONE = new BrokerWaits(0, 0, 0);

    /** What {@code proxy} tells now. */
    static BrokerWaits of(FaultProxy proxy) {
        return new BrokerWaits(proxy.longestUnfaultedConnectMillis(), proxy.longestBrokerAnswerMillis(),
                proxy.unfaultedConnectsAccepted());
    }

    /** For devices spread over processes: the longer of each wait, and the connects of both. */
    BrokerWaits with(BrokerWaits other) {
        return new BrokerWaits(Math.max(connectMillis, other.connectMillis), Math.max(publishMillis, other.publishMillis),
                connectsAccepted + other.connectsAccepted);
    }

    JsonObject toJson() {
        return new JsonObject().put("connectMillis", connectMillis).put("publishMillis", publishMillis)
                .put("connectsAccepted", connectsAccepted);
    }

    static BrokerWaits fromJson(JsonObject json) {
        return new BrokerWaits(json.getLong("connectMillis"), json.getLong("publishMillis"), json.getLong("connectsAccepted"));
    }
}
