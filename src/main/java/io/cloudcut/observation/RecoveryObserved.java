package io.cloudcut.observation;

/**
 * After an outage, when a device had every function working again ({@code recovered}), or that it
 * had not by the end of the recovery phase, with the state it was left in and whether it will not
 * come back by itself ({@code needsPerson}: its client gave up, or its firmware waits for someone).
 * {@code afterMillis} runs from the end of the outage to the start of the round that found the
 * device back, the network exchanges after its reconnect counted at their real length; it is placed
 * within {@code withinMillis}: the device came back after the last round that still found a
 * function failing (or after its reconnect attempt began), and by the round that found them all
 * working. {@code realAfterMillis} is the real time from the start of the recovery phase to when
 * that round found it working (its last answer; for a device not back, to the end), and
 * {@code reconnectedRealAfterMillis} to the device's first connection after the outage, for a device
 * found working no later than {@code realAfterMillis} (null if it was not disconnected then, or not
 * back by the end): in a reconnect storm, the one is
 * when the fleet works again, the other when it is back on the broker, as bare clients count it.
 */
public record RecoveryObserved(long atMillis, String device, String model, boolean recovered,
                               long afterMillis, long withinMillis, long realAfterMillis, Long reconnectedRealAfterMillis,
                               String lastState, boolean needsPerson)
        implements Observation {
}
