package io.cloudcut.device;

/** Event-bus addresses of a device: how the physical world (the harness) reaches it locally. */
public final class DeviceAddresses {

    /** Failure code of a stimulus: the device has no such function started on the device. */
    public static final int NO_SUCH_FUNCTION = 404;
    /** Failure code of a stimulus: the device refused (a locked firmware, a vacuum in error). */
    public static final int REFUSED = 403;
    /** Failure code of a stimulus: a security function's protection did not hold ({@link Unprotected}). */
    public static final int UNPROTECTED = 409;

    private DeviceAddresses() {
    }

    /**
     * A stimulus on the device itself: a button press, motion, its schedule coming due. Body
     * {@code {function, probeId}}; the reply says what the device did, a failure why it did not
     * ({@link #REFUSED}) or, for a security function, that it let the guarded action through
     * ({@link #UNPROTECTED}).
     */
    public static String stimulus(String deviceId) {
        return "cloudcut.device." + deviceId + ".stimulus";
    }

    /** Asks the device for its status: state, connection, session, event account. */
    public static String status(String deviceId) {
        return "cloudcut.device." + deviceId + ".status";
    }
}
