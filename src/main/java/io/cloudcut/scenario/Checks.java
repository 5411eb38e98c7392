package io.cloudcut.scenario;

/** Validation inside model records; the loader turns the exception into a located error. */
final class Checks {

    private Checks() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }

    static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
