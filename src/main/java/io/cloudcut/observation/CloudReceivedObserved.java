package io.cloudcut.observation;

/**
 * What the cloud's ingest service received from one device by the end of a run, by sequence number:
 * distinct events, duplicates, and events that arrived after a later one.
 */
public record CloudReceivedObserved(long atMillis, String device, long unique, long duplicates, long reordered)
        implements Observation {
}
