package io.cloudcut.device;

/**
 * Whether a device in a state is acting on the world or at rest, as its firmware says when it
 * enters the state. It matters when the device's commands fail: a bed left heating, a vacuum left
 * cleaning, is stuck in its last state; one left docked or off is not.
 */
public enum Activity {
    /** A state the device can be left in without anyone wanting it otherwise: docked, idle, off. */
    AT_REST,
    /** A state the device acts in: cleaning, heating, raised. */
    ACTING
}
