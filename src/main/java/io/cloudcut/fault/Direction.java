package io.cloudcut.fault;

/** Which way bytes travel through a link. */
public enum Direction {
    /** From the device (client) towards the broker. */
    UPSTREAM,
    /** From the broker back to the device. */
    DOWNSTREAM;

    Direction opposite() {
        return this == UPSTREAM ? DOWNSTREAM : UPSTREAM;
    }
}
