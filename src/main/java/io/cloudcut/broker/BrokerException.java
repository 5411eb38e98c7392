package io.cloudcut.broker;

/**
 * A broker could not be configured, started, reached or stopped. The message says what failed and
 * why, in words fit to show a user as-is (for a configuration error: file, line and field).
 */
public final class BrokerException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean portTaken;

    public BrokerException(String message) {
        this(message, null);
    }

    public BrokerException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private BrokerException(String message, Throwable cause, boolean portTaken) {
        super(message, cause);
        this.portTaken = portTaken;
    }

    /** A port the broker was to listen on was in use when it tried to listen there. */
    static BrokerException portTaken(String message, Throwable cause) {
        return new BrokerException(message, cause, true);
    }

    /** Whether a port the broker was to listen on was in use when it tried (it may be free again by now). */
    boolean portTaken() {
        return portTaken;
    }
}
