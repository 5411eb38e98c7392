package io.cloudcut.report;

/**
 * What an outage did to a device model, judged on its primary functions: one rung of a ladder,
 * declared from best to worst, so that a better outcome never gets a worse word. {@link Ladder}
 * says exactly which observations give which rung.
 */
public enum ModelVerdict {
    /** Every function kept. */
    FULLY_AVAILABLE,
    /** Every primary function kept; some other function lost or degraded: the device still does its job. */
    LOCAL_FUNCTION_KEPT,
    /** A primary function worked only some of the time or much slower; none was lost. */
    DEGRADED,
    /** A primary function was lost because the device itself refused it (a locked firmware). */
    FAIL_CLOSED,
    /** A primary function was lost because it waits for the cloud: nothing answered, or the cloud answered with an error. */
    CLOUD_DEPENDENT,
    /** Primary functions failed while the device stayed in an acting state (cleaning, heating): it cannot be changed. */
    STUCK_IN_LAST_STATE,
    /** A security function stopped protecting: the action it guards went through. */
    FAIL_OPEN;

    /** The worse of two rungs. */
    public ModelVerdict worst(ModelVerdict other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }
}
