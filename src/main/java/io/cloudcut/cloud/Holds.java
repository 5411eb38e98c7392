package io.cloudcut.cloud;

import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * How long the cloud held a message on the scenario clock, carried in the message itself through the services it passes
 * (ingest's event to notify's push to the phone; a device's event says how long its offline buffer held it): a throttled
 * service's queue is a wait in scenario time, which a probe's real latency shows divided by the scale. A doorbell's alert
 * held 2.5-3 min by kinesis-2020's throttled ingest took 52 ms of real time at 3600x and read KEPT; at 160x it ran past
 * the probe's 1 s time-out. Both the scenario time held and the real time it took are carried, so that a probe can count
 * the hold at its scenario length. A message that says something else there is malformed.
 * <p>
 * A command also says when the cloud sent it ({@link #SENT}, {@link #SENT_REAL}): a broker keeps a command for a device
 * away on a persistent session until it is back, a wait no service sees, so the device counts it ({@link #keptFor}).
 */
public final class Holds {

    /** Scenario milliseconds the cloud held the message, summed over the services that held it. */
    public static final String HELD = "heldMillis";
    /** The real milliseconds those holds took. */
    public static final String HELD_REAL = "heldRealMillis";

    /** When the cloud sent a command, on the scenario clock. */
    public static final String SENT = "sentAtMillis";
    /** When the cloud sent a command, in real time: milliseconds since the epoch, which every process of a run shares. */
    public static final String SENT_REAL = "sentAtEpochMillis";

    private Holds() {
    }

    /** Whether what {@code message} says of its holds, if anything, is a whole number of milliseconds each. */
    static boolean wellFormedIn(JsonObject message) {
        return millisIfAny(message, HELD) && millisIfAny(message, HELD_REAL);
    }

    /** Whether what {@code message} says of when it was sent, if anything, is a whole number of milliseconds each. */
    public static boolean sentWellFormedIn(JsonObject message) {
        return millisIfAny(message, SENT) && millisIfAny(message, SENT_REAL);
    }

    private static boolean millisIfAny(JsonObject message, String key) {
        return Payloads.absentOr(message, key, Payloads.wholeNumberField(message, key, 0, Long.MAX_VALUE / 2).isPresent());
    }

    /** A moment on the scenario clock ({@code millis}) and in real time ({@code epochMillis}). */
    public record Moment(long millis, long epochMillis) {
    }

    /** A copy of {@code command} that says it is sent now, {@code scenarioMillis} on the scenario clock. */
    static JsonObject sent(JsonObject command, long scenarioMillis) {
        return command.copy().put(SENT, scenarioMillis).put(SENT_REAL, System.currentTimeMillis());
    }

    /** When {@code command} was sent, if it says so (well formed: {@link #sentWellFormedIn}). */
    public static Optional<Moment> sentAt(JsonObject command) {
        return command.containsKey(SENT) && command.containsKey(SENT_REAL)
                ? Optional.of(new Moment(command.getLong(SENT), command.getLong(SENT_REAL))) : Optional.empty();
    }

    /**
     * {@code reply}, saying how long the broker kept a command sent at {@code sent} for a device away then, whose attempt
     * that connected it again began at {@code connecting}: until then, on the scenario clock. The exchange that
     * followed is a network's, counted at its real length. One sent while the device was connected adds nothing.
     */
    public static JsonObject keptFor(JsonObject reply, Moment sent, Moment connecting) {
        if (sent.millis() >= connecting.millis()) {
            return reply;
        }
        return added(reply, connecting.millis() - sent.millis(), Math.max(0, connecting.epochMillis() - sent.epochMillis()));
    }

    /** A copy of {@code message} that says it was held this much longer. */
    public static JsonObject added(JsonObject message, long scenarioMillis, long realMillis) {
        return message.copy().put(HELD, message.getLong(HELD, 0L) + scenarioMillis)
                .put(HELD_REAL, message.getLong(HELD_REAL, 0L) + realMillis);
    }
}
