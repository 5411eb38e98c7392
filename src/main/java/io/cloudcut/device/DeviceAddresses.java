package io.cloudcut.device;

/** Event-bus addresses of a device: how the physical world (the harness) reaches it locally. */
public final class DeviceAddresses {

    private DeviceAddresses() {
    }

    /**
     * A stimulus on the device itself: a button press, motion, its schedule coming due. Body
     * {@code {function, probeId}}; the reply says what the device did, a failure why it refused.
     */
    public static String stimulus(String deviceId) {
        return "cloudcut.device." + deviceId + ".stimulus";
    }

    /** Asks the device for its status: state, connection, session, event account. */
    public static String status(String deviceId) {
        return "cloudcut.device." + deviceId + ".status";
    }
}
