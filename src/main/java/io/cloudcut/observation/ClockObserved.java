package io.cloudcut.observation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The scenario clock's scale changed: from this moment scenario time runs {@code scale} times faster
 * than real time, for the reason {@code why} gives. A figure measured at a moment is known to within the
 * harness's own delays times the scale then.
 */
public record ClockObserved(long atMillis, double scale, Why why) implements Observation {

    /** Why the clock's scale changed; written in lower case in observations and reports. */
    public enum Why {
        /** The run's start. */
        @JsonProperty("start") START,
        /** A transition, which brings the clock back to real time. */
        @JsonProperty("transition") TRANSITION,
        /** The ramp after a transition. */
        @JsonProperty("ramp") RAMP,
        /** The approach that slows the clock down before a transition. */
        @JsonProperty("approach") APPROACH,
        /** A phase's own scale. */
        @JsonProperty("phase") PHASE,
        /** The emulated cloud fell behind, or climbs back once it has caught up. */
        @JsonProperty("cloud") CLOUD,
        /**
         * This machine's connections were slow: a connect with nothing faulted on it, a device publish the broker left
         * unanswered (faulted or not), or an acknowledgement a device lost its connection for with nothing faulted; or the
         * clock climbs back once they are in time.
         */
        @JsonProperty("connects") CONNECTS,
        /**
         * The clock runs no faster than keeps the longest recent connect with nothing faulted on it within a tenth of the
         * scenario time since the last transition, or climbs back as connects take less time.
         */
        @JsonProperty("connect-delay") CONNECT_DELAY,
        /**
         * The clock runs no faster than keeps the connects the fleet starts with nothing faulted on them, at their rate per
         * scenario second, within what this machine carries (half the real rate at which its connects were found slow, more
         * as they stayed in time); or climbs back as the fleet starts fewer. While a link or broker fault is on; until
         * 7 December, also the connect attempts due within the next real second, at any time.
         */
        @JsonProperty("connect-rate") CONNECT_RATE,
        /**
         * The emulated cloud stayed behind for longer than the harness waits for it with the clock at real time, where
         * the fleet sends it the least it can: the clock climbs on without it (the run's health says so), and waits for
         * it again once it has caught up.
         */
        @JsonProperty("cloud-not-caught-up") CLOUD_NOT_CAUGHT_UP,
        /**
         * Connect attempts came due, with nothing faulted on connections, beyond those this machine runs at once: scenario
         * time stood still until each was admitted, then ran on at {@code scale}, unchanged. Not a change of scale.
         */
        @JsonProperty("attempts") ATTEMPTS
    }
}
