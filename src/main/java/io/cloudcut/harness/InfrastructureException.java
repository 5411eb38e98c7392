package io.cloudcut.harness;

/** The run could not be carried out: the broker would not start, devices never came up... */
public final class InfrastructureException extends Exception {

    public InfrastructureException(String message, Throwable cause) {
        super(message, cause);
    }

    public InfrastructureException(String message) {
        super(message);
    }
}
