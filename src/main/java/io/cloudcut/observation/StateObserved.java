package io.cloudcut.observation;

/** A device entered a state (a vacuum's {@code cleaning}, {@code docked}...). */
public record StateObserved(long atMillis, String device, String model, String state) implements Observation {
}
