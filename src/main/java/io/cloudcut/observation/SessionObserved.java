package io.cloudcut.observation;

/**
 * A device's cloud session changed: {@code acquired} (valid again), {@code renewed} (a new token
 * while the old one held), {@code expired}, or {@code locked} (grace period over).
 */
public record SessionObserved(long atMillis, String device, String model, String change) implements Observation {

    public static final String ACQUIRED = "acquired";
    public static final String RENEWED = "renewed";
    public static final String EXPIRED = "expired";
    public static final String LOCKED = "locked";
}
