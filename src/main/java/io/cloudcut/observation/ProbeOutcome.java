package io.cloudcut.observation;

/**
 * How one probe of one function ended: it worked; the device itself said no ({@code REFUSED}, a
 * locked firmware, say); the cloud answered with an error ({@code CLOUD_ERROR}); nothing answered
 * in time ({@code TIMED_OUT}); or, for a security function, the action it guards went through
 * ({@code UNPROTECTED}: a child lock that no longer locks).
 */
public enum ProbeOutcome { OK, REFUSED, CLOUD_ERROR, TIMED_OUT, UNPROTECTED }
