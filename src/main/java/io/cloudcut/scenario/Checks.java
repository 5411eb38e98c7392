package io.cloudcut.scenario;

import java.net.URI;
import java.util.Set;

/** Validation inside model records; the loader turns the exception into a located error. */
final class Checks {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost");

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

    /**
     * A URL of {@code scheme} to a port on loopback, where the harness may send traffic.
     *
     * @param shape what the field should look like, for the error, e.g. {@code tcp://127.0.0.1:PORT}
     */
    static URI onLoopback(String value, String field, String scheme, String shape) {
        present(value, field);
        URI parsed;
        try {
            parsed = URI.create(value);
        } catch (IllegalArgumentException malformed) {
            throw new FieldProblem("/" + field, "not a URL: '" + value + "'");
        }
        if (!scheme.equals(parsed.getScheme()) || !LOOPBACK_HOSTS.contains(parsed.getHost()) || parsed.getPort() < 1) {
            throw new FieldProblem("/" + field, field + " must be " + shape + ", got '" + value + "'");
        }
        return parsed;
    }
}
