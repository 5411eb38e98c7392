package io.cloudcut.mqtt;

/**
 * How a connect attempt that ran out of time is told, in the same words on every stack: the adapters that keep their
 * own CONNACK deadline (Vert.x, Paho) give up on an attempt with no CONNACK within the acknowledgement time-out, and
 * every adapter on one with no SUBACK within it ({@link LibraryConnection#subscribeThenReport}); a library's own
 * deadline (HiveMQ's CONNACK wait, a TCP connect or TLS handshake that Netty timed out) is told as theirs ({@link ConnectFailures}). Whoever reads connections (the harness's health, the start window, the
 * pacer) tells these apart from refusals the broker or the network gave.
 */
public final class ConnectTimeOuts {

    private static final String NO_CONNACK = "no CONNACK within ";
    private static final String NO_SUBACK = "no SUBACK within ";
    private static final String NO_CONNECTION = "no connection within ";

    private ConnectTimeOuts() {
    }

    static String noConnack(long millis) {
        return NO_CONNACK + millis + " ms";
    }

    static String noSuback(long millis) {
        return NO_SUBACK + millis + " ms";
    }

    /** The TCP connection or its TLS handshake was not up within the time-out. */
    static String noConnection(long millis) {
        return NO_CONNECTION + millis + " ms";
    }

    /** Whether a connection's cause says an attempt ran out of time, rather than being refused. */
    public static boolean ranOut(String cause) {
        return cause != null && (cause.startsWith(NO_CONNACK) || cause.startsWith(NO_SUBACK) || cause.startsWith(NO_CONNECTION));
    }
}
