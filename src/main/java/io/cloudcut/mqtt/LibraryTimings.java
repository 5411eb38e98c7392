package io.cloudcut.mqtt;

/**
 * The settings' timings in the units client libraries take. Keepalive and ack timeout are real time;
 * reconnect delays are the model's, on the scenario clock, converted to real time.
 */
final class LibraryTimings {

    private LibraryTimings() {
    }

    static int keepAliveSeconds(ConnectionSettings settings) {
        return (int) settings.keepAlive().toSeconds();
    }

    /**
     * For libraries that take the connect timeout in whole seconds: rounded up, so never shorter than
     * asked, and at least 1 (Paho reads 0 as "wait forever").
     */
    static int connectTimeoutSeconds(ConnectionSettings settings) {
        return (int) Math.max(1, (settings.ackTimeout().toMillis() + 999) / 1000);
    }

    static long ackTimeoutMillis(ConnectionSettings settings) {
        return settings.ackTimeout().toMillis();
    }

    static long initialReconnectMillis(ConnectionSettings settings) {
        return settings.clock().realMillisAtCurrentScale(settings.reconnect().initialDelay());
    }

    static long maxReconnectMillis(ConnectionSettings settings) {
        return settings.clock().realMillisAtCurrentScale(settings.reconnect().maxDelay());
    }
}
