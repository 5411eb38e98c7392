package io.cloudcut.fault;

import java.util.Locale;

/** Where a client connection through the proxy stands, as its MQTT handshake and its socket say. */
public enum ConnectionState {
    /** Accepted; no CONNACK has reached the client yet. */
    CONNECTING,
    /** The client got a CONNACK that accepts it. */
    CONNECTED,
    /** The client got a CONNACK that turns it away (from the broker, or from a refuse-connect fault). */
    REFUSED,
    /** The client's socket is closed. */
    CLOSED;

    /** As the API and the event stream write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
