package io.cloudcut.dashboard;

/**
 * What a device's tile shows, from its observations: whether it is connected, whether the functions
 * it was last probed for worked, and, after the outage, whether it recovered. The page colours each.
 */
enum TileState {
    /** Not connected yet: the fleet is starting. */
    WAITING,
    /** Connected, and every function worked at its last probe. */
    CONNECTED,
    /** Connected, but a function failed at its last probe (the cloud is cut, or the device refuses). */
    IMPAIRED,
    /** Its connection went down (and it has not given up reconnecting). */
    OFFLINE,
    /** Back after the outage: every function worked again. */
    RECOVERED,
    /** Not back by the end of the recovery phase, but still trying. */
    NOT_RECOVERED,
    /** Its client gave up reconnecting, or its firmware waits for someone. */
    NEEDS_A_PERSON
}
