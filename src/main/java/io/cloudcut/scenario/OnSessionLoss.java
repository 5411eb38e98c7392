package io.cloudcut.scenario;

/** What firmware does when its cloud session token has expired and cannot be renewed: lock every function (fail closed), keep local functions working, or keep them for a grace period and then lock. Written in files in lower case with hyphens. */
public enum OnSessionLoss { LOCK_ALL, KEEP_LOCAL, GRACE }
