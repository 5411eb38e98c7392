package io.cloudcut.report;

/** What the outage did to a device model as a whole. */
public enum ModelVerdict {
    /** Every function kept. */
    FULLY_AVAILABLE,
    /** Every local function kept, every cloud function lost: the device does its job without the cloud. */
    LOCAL_FUNCTION_KEPT,
    /** Anything in between. */
    PARTIAL,
    /** Nothing worked during the outage, not even on the device itself. */
    FAIL_CLOSED
}
