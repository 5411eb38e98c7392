package io.cloudcut.comparison;

/**
 * How far a numeric figure may move between two runs of the same scenario before it counts as a
 * change: a run's figures carry noise (where a probe round falls, which event was in flight when
 * ingest went down), and noise is not a regression.
 */
final class Tolerance {

    /** A figure may move by this share of its old value. */
    static final double SHARE = 0.10;
    /** A count of events may also move by this share of the events the model generated. */
    static final double SHARE_OF_GENERATED = 0.01;
    /** And always by one: an event generated at the edge of an outage can fall on either side of it. */
    static final double EVENTS_AT_LEAST = 1;

    private Tolerance() {
    }

    /**
     * A time measured by probe rounds: 10% of the old value or one probe interval, whichever is
     * larger: a device found back one round later may have been back as early, between rounds.
     */
    static double time(double was, double probeInterval) {
        return Math.max(SHARE * was, probeInterval);
    }

    /**
     * A count of events: 10% of the old count, 1% of the events the model generated (the more of
     * the two runs) or one event, whichever is largest, in whole events.
     */
    static double events(long was, long generatedWas, long generatedNow) {
        return Math.floor(Math.max(EVENTS_AT_LEAST,
                Math.max(SHARE * was, SHARE_OF_GENERATED * Math.max(generatedWas, generatedNow))));
    }
}
