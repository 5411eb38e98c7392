package io.cloudcut.broker;

/**
 * A broker could not be configured, started, reached or stopped. The message says what failed and
 * why, in words fit to show a user as-is (for a configuration error: file, line and field).
 */
public final class BrokerException extends Exception {

    private static final long serialVersionUID = 1L;

    public BrokerException(String message) {
        super(message);
    }

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
