package io.cloudcut.harness;

import io.vertx.core.json.JsonObject;

/**
 * How long devices have waited on the broker at one moment, in milliseconds, 0 when none waits: the device connect
 * waiting for its CONNACK the longest, of those no link fault met
 * ({@link io.cloudcut.fault.FaultProxy#longestUnfaultedConnectMillis}); and the device publish the broker has left
 * unanswered the longest ({@link io.cloudcut.fault.FaultProxy#longestBrokerAnswerMillis}).
 */
record BrokerWaits(long connectMillis, long publishMillis) {

    static final BrokerWaits NONE = new BrokerWaits(0, 0);

    /** The longer of each wait, for devices spread over processes. */
    BrokerWaits longest(BrokerWaits other) {
        return new BrokerWaits(Math.max(connectMillis, other.connectMillis), Math.max(publishMillis, other.publishMillis));
    }

    JsonObject toJson() {
        return new JsonObject().put("connectMillis", connectMillis).put("publishMillis", publishMillis);
    }

    static BrokerWaits fromJson(JsonObject json) {
        return new BrokerWaits(json.getLong("connectMillis"), json.getLong("publishMillis"));
    }
}
