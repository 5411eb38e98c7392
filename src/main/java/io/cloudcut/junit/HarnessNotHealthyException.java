package io.cloudcut.junit;

/**
 * A check on a run that failed while the harness was not healthy later in the run (after a healthy baseline): the
 * failure may be the harness's, not the devices', so it is not an {@link AssertionError}. JUnit then counts it as an
 * error, not a failure, as the command line exits 3 for it, not 1. Its message quotes the check's figure and the
 * harness's problems.
 */
public final class HarnessNotHealthyException extends RuntimeException {

    HarnessNotHealthyException(String message) {
        super(message);
    }
}
