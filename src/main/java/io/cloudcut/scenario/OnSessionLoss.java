package io.cloudcut.scenario;

/**
 * What firmware does when its cloud session token has expired and cannot be renewed: lock every
 * function, keep local functions working, keep them for a grace period and then lock, or keep them
 * working on factory settings (what the owner set through the cloud, a child lock, no longer
 * applies: firmware that keeps those settings only in the cloud). Written in files in lower case
 * with hyphens.
 */
public enum OnSessionLoss { LOCK_ALL, KEEP_LOCAL, GRACE, FACTORY_SETTINGS }
