package io.cloudcut.observation;

/**
 * After an outage, when a device had every function working again ({@code recovered}), or that it
 * had not by the end of the recovery phase ({@code stuck}, with the state it was left in).
 */
public record RecoveryObserved(long atMillis, String device, String model, boolean recovered,
                               long afterMillis, long realAfterMillis, String lastState) implements Observation {
}
