package io.cloudcut.device;

import io.vertx.core.json.JsonObject;

/**
 * How the physical world (the harness) reaches a device locally: one event-bus address a device, one
 * consumer (a fleet has thousands: a consumer each for stimuli and status took about 0.4 KB of a device's heap).
 */
public final class DeviceAddresses {

    /** Failure code of a stimulus: the device has no such function started on the device. */
    public static final int NO_SUCH_FUNCTION = 404;
    /** Failure code of a stimulus: the device refused (a locked firmware, a vacuum in error). */
    public static final int REFUSED = 403;
    /** Failure code of a stimulus: a security function's protection did not hold ({@link Unprotected}). */
    public static final int UNPROTECTED = 409;

    private static final String ASK = "ask";
    private static final String STATUS = "status";
    private static final String SIGN_IN = "sign-in";

    private DeviceAddresses() {
    }

    /** The device's address: send it a {@link #stimulus}, the {@link #statusQuestion} or {@link #signInAgain}. */
    public static String of(String deviceId) {
        return "cloudcut.device." + deviceId;
    }

    /**
     * A stimulus on the device itself: a button press, motion, its schedule coming due. The reply says
     * what the device did, a failure why it did not ({@link #REFUSED}) or, for a security function, that
     * it let the guarded action through ({@link #UNPROTECTED}).
     */
    public static JsonObject stimulus(String function, String probeId) {
        return new JsonObject().put("function", function).put("probeId", probeId);
    }

    /** Asks the device for its status: state, connection, session, event account. */
    public static JsonObject statusQuestion() {
        return new JsonObject().put(ASK, STATUS);
    }

    static boolean asksStatus(JsonObject body) {
        return STATUS.equals(body.getString(ASK));
    }

    /**
     * Asks the device to ask auth for a token now, as it does on connecting. The harness asks it before the clock
     * starts of a device whose sign-in went unanswered: the device's own next try is a quarter of its token's life
     * later, and before the start that is real time. The reply says whether the device was connected to ask.
     */
    public static JsonObject signInAgain() {
        return new JsonObject().put(ASK, SIGN_IN);
    }

    static boolean asksSignIn(JsonObject body) {
        return SIGN_IN.equals(body.getString(ASK));
    }
}
