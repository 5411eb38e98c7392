package io.cloudcut.observation;

/**
 * A cloud service changed condition: {@code up}, {@code down}, {@code error}, {@code slow} or
 * {@code throttled}, because of {@code cause} (the faulted service; itself when faulted directly).
 */
public record ServiceObserved(long atMillis, String service, String condition, String cause) implements Observation {

    public static final String UP = "up";

    public boolean up() {
        return UP.equals(condition);
    }
}
