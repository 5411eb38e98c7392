package io.cloudcut.observation;

/**
 * A device entered a state (a vacuum's {@code cleaning}, {@code docked}...); {@code atRest} when it
 * is a state the device can be left in (docked, idle), as opposed to one it is acting in (cleaning,
 * heating), which matters when its commands fail: a device held in an acting state is stuck in it.
 */
public record StateObserved(long atMillis, String device, String model, String state, boolean atRest)
        implements Observation {
}
