package io.cloudcut.mqtt;

/**
 * The settings' protocol timings, real time, in the units client libraries take. Reconnect delays are
 * not among them: they are scenario time, waited on the scenario clock ({@link ReconnectSchedule}).
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
}
