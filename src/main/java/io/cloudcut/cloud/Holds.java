package io.cloudcut.cloud;

import io.vertx.core.json.JsonObject;

/**
 * How long the cloud held a message on the scenario clock, carried in the message itself through the services it passes
 * (ingest's event to notify's push to the phone): a throttled service's queue is a wait in scenario time, which a probe's
 * real latency shows divided by the scale. A doorbell's alert held 2.5-3 min by kinesis-2020's throttled ingest took
 * 52 ms of real time at 3600x and read KEPT; at 160x it ran past the probe's 1 s time-out. Both the scenario time held and
 * the real time it took are carried, so that a probe can count the hold at its scenario length.
 */
public final class Holds {

    /** Scenario milliseconds the cloud held the message, summed over the services that held it. */
    public static final String HELD = "heldMillis";
    /** The real milliseconds those holds took. */
    public static final String HELD_REAL = "heldRealMillis";

    private Holds() {
    }

    /** A copy of {@code message} that says it was held this much longer. */
    static JsonObject added(JsonObject message, long scenarioMillis, long realMillis) {
        return message.copy().put(HELD, message.getLong(HELD, 0L) + scenarioMillis)
                .put(HELD_REAL, message.getLong(HELD_REAL, 0L) + realMillis);
    }
}
