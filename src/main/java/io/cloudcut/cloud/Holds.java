package io.cloudcut.cloud;

import io.vertx.core.json.JsonObject;

/**
 * How long the cloud held a message on the scenario clock, carried in the message itself through the services it passes
 * (ingest's event to notify's push to the phone; a device's event says how long its offline buffer held it): a throttled
 * service's queue is a wait in scenario time, which a probe's real latency shows divided by the scale. A doorbell's alert
 * held 2.5-3 min by kinesis-2020's throttled ingest took 52 ms of real time at 3600x and read KEPT; at 160x it ran past
 * the probe's 1 s time-out. Both the scenario time held and the real time it took are carried, so that a probe can count
 * the hold at its scenario length. A message that says something else there is malformed.
 */
public final class Holds {

    /** Scenario milliseconds the cloud held the message, summed over the services that held it. */
    public static final String HELD = "heldMillis";
    /** The real milliseconds those holds took. */
    public static final String HELD_REAL = "heldRealMillis";

    private Holds() {
    }

    /** Whether what {@code message} says of its holds, if anything, is a whole number of milliseconds each. */
    static boolean wellFormedIn(JsonObject message) {
        return Payloads.absentOr(message, HELD, Payloads.wholeNumberField(message, HELD, 0, Long.MAX_VALUE / 2).isPresent())
                && Payloads.absentOr(message, HELD_REAL, Payloads.wholeNumberField(message, HELD_REAL, 0, Long.MAX_VALUE / 2).isPresent());
    }

    /** A copy of {@code message} that says it was held this much longer. */
    public static JsonObject added(JsonObject message, long scenarioMillis, long realMillis) {
        return message.copy().put(HELD, message.getLong(HELD, 0L) + scenarioMillis)
                .put(HELD_REAL, message.getLong(HELD_REAL, 0L) + realMillis);
    }
}
