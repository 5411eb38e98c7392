package io.cloudcut.scenario;

import java.util.Optional;

/**
 * The cloud services CloudCut emulates, by their names in cloud and scenario files ({@link WireNames}):
 * the one list the loader, the cloud's deployment and the schema checks read.
 */
public enum ServiceKind {
    /** Signs devices in: a token for each sign-in request. */
    AUTH,
    /** Relays the app's commands to devices and their replies back. */
    COMMANDS,
    /** Receives devices' events: status reports for the app, everything else onto the event stream. */
    INGEST,
    /** Turns doorbell events on the event stream into push notifications to the owner's phone. */
    NOTIFY;

    /** The kind a file calls {@code name}, if there is one. */
    public static Optional<ServiceKind> named(String name) {
        return WireNames.named(ServiceKind.class, name);
    }
}
