package io.cloudcut.report;

/** How one device came back after the outage. */
public enum RecoveryVerdict {
    /** Every function worked again before the recovery phase ended. */
    RECOVERED,
    /** Not every function worked again by the end, but the device was still trying on its own. */
    NOT_RECOVERED,
    /** It will not come back by itself: its client gave up reconnecting, or its firmware waits for someone. */
    NEEDS_A_PERSON
}
