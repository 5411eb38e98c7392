package io.cloudcut.device;

/**
 * A security function's answer that its protection did not hold: the action it guards went through
 * (a press started the vacuum although its child lock was engaged). Firmware fails the future of
 * {@link Firmware#perform} with it, as opposed to refusing: the probe then reports
 * {@code UNPROTECTED}, and the model fails open. A protection is tested where it is attacked, on
 * the device (a press, a handle): only a function the device starts reports it; the reply to an
 * app command carries it as a plain failure.
 */
public final class Unprotected extends RuntimeException {

    /** @param whatWentThrough what the guarded action did, for the report: "a press started cleaning" */
    public Unprotected(String whatWentThrough) {
        super(whatWentThrough, null, false, false);
    }
}
