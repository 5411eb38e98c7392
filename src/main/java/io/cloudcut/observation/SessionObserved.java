package io.cloudcut.observation;

/** A device's cloud session changed: {@code acquired}, {@code expired}, or {@code locked} (grace period over). */
public record SessionObserved(long atMillis, String device, String model, String change) implements Observation {
}
