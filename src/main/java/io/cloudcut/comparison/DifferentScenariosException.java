package io.cloudcut.comparison;

/** Two reports of different scenarios: their figures do not answer the same question. */
public final class DifferentScenariosException extends Exception {

    private final String was;
    private final String now;

    DifferentScenariosException(String was, String now) {
        super("the runs are of different scenarios: '" + was + "' and '" + now + "'");
        this.was = was;
        this.now = now;
    }

    /** The old run's scenario. */
    public String was() {
        return was;
    }

    /** The new run's scenario. */
    public String now() {
        return now;
    }
}
