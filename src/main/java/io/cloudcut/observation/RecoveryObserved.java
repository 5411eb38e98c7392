package io.cloudcut.observation;

/**
 * After an outage, when a device had every function working again ({@code recovered}), or that it
 * had not by the end of the recovery phase, with the state it was left in and whether it will not
 * come back by itself ({@code needsPerson}: its client gave up, or its firmware waits for someone).
 */
public record RecoveryObserved(long atMillis, String device, String model, boolean recovered,
                               long afterMillis, long realAfterMillis, String lastState, boolean needsPerson)
        implements Observation {
}
