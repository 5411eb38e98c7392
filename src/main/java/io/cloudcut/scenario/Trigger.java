package io.cloudcut.scenario;

/** Who starts a function: something on the device (a button, a sensor, its own schedule) or the phone app through the cloud. Written in files in lower case with hyphens. */
public enum Trigger { DEVICE, APP }
