package io.cloudcut.scenario;

/**
 * What a function is to the device's owner, which decides how much its loss weighs in a verdict:
 * {@code PRIMARY} is what the owner bought the device for (the vacuum cleaning when asked, the
 * doorbell ringing, the bed holding its setting); {@code SECONDARY} a convenience (the app, live
 * view); {@code TELEMETRY} what the device reports for the vendor; {@code SECURITY} a protection
 * (a child lock), judged on whether it still protects.
 */
public enum FunctionRole { PRIMARY, SECONDARY, TELEMETRY, SECURITY }
